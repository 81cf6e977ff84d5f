import { readFileSync } from 'node:fs';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';

// Snapshots recorded from the lab collector (tandem status lab --json).
export type TRecordedSnapshot = 'healthy' | 'node1-mysqld-stopped' | 'split-brain';

export const recordedSnapshot = (name: TRecordedSnapshot): TClusterSnapshot => JSON.parse(readFileSync(`test/fixtures/snapshots/lab-${name}.json`, 'utf8'));
