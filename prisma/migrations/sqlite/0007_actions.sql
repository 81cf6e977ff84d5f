-- Actions: runs and their steps, the anti-flap window and the errant-write watermark.
ALTER TABLE "clusters" ADD COLUMN "switchoverCooldownSeconds" INTEGER NOT NULL DEFAULT 300;
ALTER TABLE "nodes" ADD COLUMN "passiveOwnTransactions" INTEGER;

CREATE TABLE "action_runs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "clusterName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "activeKey" TEXT,
    "requestedBy" TEXT NOT NULL,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "owner" TEXT NOT NULL,
    "abortRequested" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "result" TEXT,
    "error" TEXT,
    "finalState" TEXT,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "action_runs_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "action_runs_activeKey_key" ON "action_runs"("activeKey");
CREATE INDEX "action_runs_clusterId_startedAt_idx" ON "action_runs"("clusterId", "startedAt");

CREATE TABLE "action_steps" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "node" TEXT,
    "commands" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "output" TEXT,
    CONSTRAINT "action_steps_runId_fkey" FOREIGN KEY ("runId") REFERENCES "action_runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "action_steps_runId_position_key" ON "action_steps"("runId", "position");
