-- Notifications: channels, rules, the outbox of events, grouped messages and
-- every delivery attempt.
CREATE TABLE "notification_channels" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "notification_channels_name_key" ON "notification_channels"("name");

CREATE TABLE "notification_rules" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "clusters" TEXT NOT NULL,
    "channels" TEXT NOT NULL,
    "minSeverity" TEXT NOT NULL,
    "quietSeconds" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "notification_rules_name_key" ON "notification_rules"("name");

CREATE TABLE "notification_messages" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "clusterName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedAt" DATETIME,
    "deliveredAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "notification_messages_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "notification_channels" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notification_messages_status_nextAttemptAt_idx" ON "notification_messages"("status", "nextAttemptAt");
CREATE INDEX "notification_messages_channelId_createdAt_idx" ON "notification_messages"("channelId", "createdAt");

CREATE TABLE "notification_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channelId" TEXT NOT NULL,
    "clusterName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "quietMs" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "messageId" TEXT,
    CONSTRAINT "notification_events_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "notification_channels" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "notification_events_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "notification_messages" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notification_events_messageId_channelId_idx" ON "notification_events"("messageId", "channelId");

CREATE TABLE "notification_attempts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT,
    "at" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "durationMs" INTEGER NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "notification_attempts_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "notification_messages" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notification_attempts_channelId_at_idx" ON "notification_attempts"("channelId", "at");
