-- Names compare exactly. utf8mb4_bin is PAD SPACE: 'admin ' = 'admin', so a
-- trailing space reached another account or cluster. A NO PAD binary
-- collation compares byte for byte. lib/db/migrate.ts substitutes MySQL 8's
-- utf8mb4_0900_bin where MariaDB's utf8mb4_nopad_bin does not exist.
ALTER TABLE `clusters` MODIFY `name` VARCHAR(63) NOT NULL COLLATE utf8mb4_nopad_bin;
ALTER TABLE `nodes` MODIFY `name` VARCHAR(63) NOT NULL COLLATE utf8mb4_nopad_bin, MODIFY `host` VARCHAR(253) NOT NULL COLLATE utf8mb4_nopad_bin;
ALTER TABLE `users` MODIFY `name` VARCHAR(63) NOT NULL COLLATE utf8mb4_nopad_bin;
ALTER TABLE `api_tokens` MODIFY `name` VARCHAR(63) NOT NULL COLLATE utf8mb4_nopad_bin;
