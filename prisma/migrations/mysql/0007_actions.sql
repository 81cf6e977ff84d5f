-- Actions: runs and their steps, the anti-flap window and the errant-write watermark.
ALTER TABLE `clusters` ADD COLUMN `switchoverCooldownSeconds` INTEGER NOT NULL DEFAULT 300;
ALTER TABLE `nodes` ADD COLUMN `passiveOwnTransactions` INTEGER NULL;

CREATE TABLE `action_runs` (
    `id` VARCHAR(191) NOT NULL,
    `clusterId` VARCHAR(191) NOT NULL,
    `clusterName` VARCHAR(63) NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `params` TEXT NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `activeKey` VARCHAR(191) NULL,
    `requestedBy` VARCHAR(80) NOT NULL,
    `force` BOOLEAN NOT NULL DEFAULT false,
    `reason` VARCHAR(500) NULL,
    `owner` VARCHAR(300) NOT NULL,
    `abortRequested` BOOLEAN NOT NULL DEFAULT false,
    `startedAt` DATETIME(3) NOT NULL,
    `endedAt` DATETIME(3) NULL,
    `result` TEXT NULL,
    `error` TEXT NULL,
    `finalState` TEXT NULL,
    `acknowledgedAt` DATETIME(3) NULL,
    UNIQUE INDEX `action_runs_activeKey_key`(`activeKey`),
    INDEX `action_runs_clusterId_startedAt_idx`(`clusterId`, `startedAt`),
    PRIMARY KEY (`id`),
    CONSTRAINT `action_runs_clusterId_fkey` FOREIGN KEY (`clusterId`) REFERENCES `clusters`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `action_steps` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `runId` VARCHAR(191) NOT NULL,
    `position` INTEGER NOT NULL,
    `key` VARCHAR(64) NOT NULL,
    `title` VARCHAR(300) NOT NULL,
    `node` VARCHAR(63) NULL,
    `commands` TEXT NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `startedAt` DATETIME(3) NULL,
    `endedAt` DATETIME(3) NULL,
    `output` MEDIUMTEXT NULL,
    UNIQUE INDEX `action_steps_runId_position_key`(`runId`, `position`),
    PRIMARY KEY (`id`),
    CONSTRAINT `action_steps_runId_fkey` FOREIGN KEY (`runId`) REFERENCES `action_runs`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
