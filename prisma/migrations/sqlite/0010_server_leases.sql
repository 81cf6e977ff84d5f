-- Several servers on one inventory: who is alive, and which server watches
-- which cluster. (One server on SQLite takes no leases; the tables exist so
-- both dialects keep one schema.)
CREATE TABLE "server_members" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instance" TEXT NOT NULL,
    "process" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL
);

CREATE TABLE "cluster_leases" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "cluster_leases_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "cluster_leases_owner_idx" ON "cluster_leases"("owner");
