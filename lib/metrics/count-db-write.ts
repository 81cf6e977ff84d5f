import { metrics } from './registry';

// Prisma's model operations that write (the inventory's load on its database:
// the collector saves snapshots, events and lag samples as it polls).
export const WRITE_OPERATIONS = ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany'] as const;

// One write statement that succeeded, by model and operation (not by rows: a
// createMany of ten rows is one write). lib/db/client.ts calls it for the
// operations above only.
export const countDbWrite = ({ model, operation }: { model: string; operation: string }): void => void metrics().dbWrites.inc({ model, operation });
