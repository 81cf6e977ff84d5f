-- Notifications: channels, rules, the outbox of events, grouped messages and
-- every delivery attempt.
CREATE TABLE `notification_channels` (
    `id` VARCHAR(191) NOT NULL,
    `name` VARCHAR(63) NOT NULL,
    `type` VARCHAR(16) NOT NULL,
    `config` TEXT NOT NULL,
    `secret` TEXT NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT true,
    `createdBy` VARCHAR(80) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    UNIQUE INDEX `notification_channels_name_key`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `notification_rules` (
    `id` VARCHAR(191) NOT NULL,
    `name` VARCHAR(63) NOT NULL,
    `events` TEXT NOT NULL,
    `clusters` TEXT NOT NULL,
    `channels` TEXT NOT NULL,
    `minSeverity` VARCHAR(16) NOT NULL,
    `quietSeconds` INTEGER NOT NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT true,
    `createdBy` VARCHAR(80) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    UNIQUE INDEX `notification_rules_name_key`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `notification_messages` (
    `id` VARCHAR(191) NOT NULL,
    `channelId` VARCHAR(191) NOT NULL,
    `clusterName` VARCHAR(63) NOT NULL,
    `title` VARCHAR(500) NOT NULL,
    `severity` VARCHAR(16) NOT NULL,
    `eventCount` INTEGER NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL,
    `nextAttemptAt` DATETIME(3) NOT NULL,
    `claimedAt` DATETIME(3) NULL,
    `deliveredAt` DATETIME(3) NULL,
    `lastError` TEXT NULL,
    INDEX `notification_messages_status_nextAttemptAt_idx`(`status`, `nextAttemptAt`),
    INDEX `notification_messages_channelId_createdAt_idx`(`channelId`, `createdAt`),
    PRIMARY KEY (`id`),
    CONSTRAINT `notification_messages_channelId_fkey` FOREIGN KEY (`channelId`) REFERENCES `notification_channels`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `notification_events` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `channelId` VARCHAR(191) NOT NULL,
    `clusterName` VARCHAR(63) NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `severity` VARCHAR(16) NOT NULL,
    `at` DATETIME(3) NOT NULL,
    `quietMs` INTEGER NOT NULL,
    `payload` TEXT NOT NULL,
    `createdAt` DATETIME(3) NOT NULL,
    `messageId` VARCHAR(191) NULL,
    INDEX `notification_events_messageId_channelId_idx`(`messageId`, `channelId`),
    PRIMARY KEY (`id`),
    CONSTRAINT `notification_events_channelId_fkey` FOREIGN KEY (`channelId`) REFERENCES `notification_channels`(`id`) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `notification_events_messageId_fkey` FOREIGN KEY (`messageId`) REFERENCES `notification_messages`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE `notification_attempts` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `channelId` VARCHAR(191) NOT NULL,
    `messageId` VARCHAR(191) NULL,
    `at` DATETIME(3) NOT NULL,
    `outcome` VARCHAR(16) NOT NULL,
    `detail` TEXT NULL,
    `durationMs` INTEGER NOT NULL,
    `test` BOOLEAN NOT NULL DEFAULT false,
    INDEX `notification_attempts_channelId_at_idx`(`channelId`, `at`),
    PRIMARY KEY (`id`),
    CONSTRAINT `notification_attempts_messageId_fkey` FOREIGN KEY (`messageId`) REFERENCES `notification_messages`(`id`) ON DELETE CASCADE ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
