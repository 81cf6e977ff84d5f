import type { TRunView } from '@/lib/actions/run-view';

// A run as the API shows it, for formatter tests: a running switchover
// unless `over` says otherwise.
export const runFixture = (over: Partial<TRunView> = {}): TRunView => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'switchover',
  cluster: 'lab',
  params: { to: 'node2' },
  status: 'running',
  requestedBy: 'cli:root',
  force: false,
  reason: null,
  abortRequested: false,
  restoreRequested: false,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  steps: [],
  result: null,
  error: null,
  finalState: null,
  acknowledgedAt: null,
  ...over,
});
