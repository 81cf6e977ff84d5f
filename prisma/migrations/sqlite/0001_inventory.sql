-- Inventory: clusters and their nodes. Secrets are AES-256-GCM envelopes.
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "vip" TEXT NOT NULL,
    "description" TEXT,
    "virtualRouterId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "clusters_name_key" ON "clusters"("name");

CREATE TABLE "nodes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "sshPort" INTEGER NOT NULL,
    "sshUser" TEXT NOT NULL,
    "sshPrivateKeyEnc" TEXT NOT NULL,
    "sshPassphraseEnc" TEXT,
    "sshHostKeyFingerprint" TEXT NOT NULL DEFAULT '',
    "mysqlPort" INTEGER NOT NULL,
    "mysqlUser" TEXT NOT NULL,
    "mysqlPasswordEnc" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "nodes_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "nodes_clusterId_name_key" ON "nodes"("clusterId", "name");
CREATE UNIQUE INDEX "nodes_clusterId_host_key" ON "nodes"("clusterId", "host");
