-- Several servers on one inventory: who is alive, and which server watches
-- which cluster.
CREATE TABLE `server_members` (
    `id` VARCHAR(191) NOT NULL,
    `instance` VARCHAR(191) NOT NULL,
    `process` VARCHAR(191) NOT NULL,
    `url` VARCHAR(191) NOT NULL,
    `startedAt` DATETIME(3) NOT NULL,
    `heartbeatAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `cluster_leases` (
    `clusterId` VARCHAR(191) NOT NULL,
    `owner` VARCHAR(191) NOT NULL,
    `acquiredAt` DATETIME(3) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    INDEX `cluster_leases_owner_idx`(`owner`),
    PRIMARY KEY (`clusterId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE `cluster_leases` ADD CONSTRAINT `cluster_leases_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
