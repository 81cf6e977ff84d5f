-- Collector state: per-cluster settings, latest snapshot, lag time series, events.
ALTER TABLE `clusters` ADD COLUMN `lagThresholdSeconds` INTEGER NOT NULL DEFAULT 30;
ALTER TABLE `clusters` ADD COLUMN `heartbeat` BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE `cluster_snapshots` (
    `clusterId` VARCHAR(191) NOT NULL,
    `observedAt` DATETIME(3) NOT NULL,
    `json` MEDIUMTEXT NOT NULL,
    PRIMARY KEY (`clusterId`),
    CONSTRAINT `cluster_snapshots_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `lag_samples` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `clusterId` VARCHAR(191) NOT NULL,
    `node` VARCHAR(63) NOT NULL,
    `at` DATETIME(3) NOT NULL,
    `secondsBehind` DOUBLE NULL,
    `heartbeatLagSeconds` DOUBLE NULL,
    INDEX `lag_samples_clusterId_at_idx`(`clusterId`, `at`),
    PRIMARY KEY (`id`),
    CONSTRAINT `lag_samples_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `cluster_events` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `clusterId` VARCHAR(191) NOT NULL,
    `at` DATETIME(3) NOT NULL,
    `kind` VARCHAR(40) NOT NULL,
    `node` VARCHAR(63) NULL,
    `severity` VARCHAR(16) NULL,
    `message` TEXT NOT NULL,
    `data` TEXT NULL,
    INDEX `cluster_events_clusterId_at_idx`(`clusterId`, `at`),
    PRIMARY KEY (`id`),
    CONSTRAINT `cluster_events_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
