import { metrics } from './registry';

// Prisma's model operations that write (the inventory's load on its database:
// the collector saves snapshots, events and lag samples as it polls).
const WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany']);

// One write statement that succeeded, by model and operation (not by rows: a
// createMany of ten rows is one write).
export const countDbWrite = ({ model, operation }: { model: string; operation: string }): void => {
  if (!WRITES.has(operation)) return;
  metrics().dbWrites.inc({ model, operation });
};
