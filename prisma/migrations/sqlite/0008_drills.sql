-- Failover drills: per-node service commands (how to stop and start what a
-- drill breaks), the evidence a run keeps (timelines) and "restore now".
ALTER TABLE "nodes" ADD COLUMN "serviceCommands" TEXT;
ALTER TABLE "action_runs" ADD COLUMN "evidence" TEXT;
ALTER TABLE "action_runs" ADD COLUMN "restoreRequested" BOOLEAN NOT NULL DEFAULT false;
