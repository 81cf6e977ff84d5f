-- Collector state: per-cluster settings, latest snapshot, lag time series, events.
ALTER TABLE "clusters" ADD COLUMN "lagThresholdSeconds" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "clusters" ADD COLUMN "heartbeat" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "cluster_snapshots" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "observedAt" DATETIME NOT NULL,
    "json" TEXT NOT NULL,
    CONSTRAINT "cluster_snapshots_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "lag_samples" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "secondsBehind" REAL,
    "heartbeatLagSeconds" REAL,
    CONSTRAINT "lag_samples_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "lag_samples_clusterId_at_idx" ON "lag_samples"("clusterId", "at");

CREATE TABLE "cluster_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "node" TEXT,
    "severity" TEXT,
    "message" TEXT NOT NULL,
    "data" TEXT,
    CONSTRAINT "cluster_events_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "cluster_events_clusterId_at_idx" ON "cluster_events"("clusterId", "at");
