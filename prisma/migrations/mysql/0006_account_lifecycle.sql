-- The account lifecycle: disabled users and tokens that expire.
ALTER TABLE `users` ADD COLUMN `disabledAt` DATETIME(3) NULL;
ALTER TABLE `api_tokens` ADD COLUMN `expiresAt` DATETIME(3) NULL;
