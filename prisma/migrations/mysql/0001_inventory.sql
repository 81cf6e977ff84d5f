-- Inventory: clusters and their nodes. Secrets are AES-256-GCM envelopes
-- (a 4096-bit RSA key encrypts to ~4.5 KB, hence TEXT).
CREATE TABLE `clusters` (
    `id` VARCHAR(191) NOT NULL,
    `name` VARCHAR(63) NOT NULL,
    `vip` VARCHAR(64) NOT NULL,
    `description` VARCHAR(1000) NULL,
    `virtualRouterId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    UNIQUE INDEX `clusters_name_key`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `nodes` (
    `id` VARCHAR(191) NOT NULL,
    `clusterId` VARCHAR(191) NOT NULL,
    `name` VARCHAR(63) NOT NULL,
    `host` VARCHAR(253) NOT NULL,
    `sshPort` INTEGER NOT NULL,
    `sshUser` VARCHAR(32) NOT NULL,
    `sshPrivateKeyEnc` TEXT NOT NULL,
    `sshPassphraseEnc` TEXT NULL,
    `sshHostKeyFingerprint` VARCHAR(128) NOT NULL DEFAULT '',
    `mysqlPort` INTEGER NOT NULL,
    `mysqlUser` VARCHAR(80) NOT NULL,
    `mysqlPasswordEnc` TEXT NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    UNIQUE INDEX `nodes_clusterId_name_key`(`clusterId`, `name`),
    UNIQUE INDEX `nodes_clusterId_host_key`(`clusterId`, `host`),
    PRIMARY KEY (`id`),
    CONSTRAINT `nodes_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
