import type mysql from 'mysql2/promise';
import { openMysql } from './mysql-connect';
import type { TNodeTarget } from './node-target';

// pt-heartbeat's idea: a row rewritten through the VIP every second with the
// writing server's clock; each node's collector reads how old its copy is,
// which is the true replication delay even when Seconds_Behind_Master lies.
// It writes with the cluster's probe credential (an application-like user),
// so a read-only VIP holder refuses it exactly as it refuses applications.
export type THeartbeatStatus = { error: string | null; errno: number | null; lastOkAt: number | null; failingSince: number | null };
export type THeartbeat = { stop: () => Promise<void>; status: () => THeartbeatStatus };

const SETUP = [
  'CREATE DATABASE IF NOT EXISTS tandem',
  'CREATE TABLE IF NOT EXISTS tandem.heartbeat (id INT PRIMARY KEY, ts DATETIME(6) NOT NULL, server_id INT UNSIGNED NOT NULL) ENGINE=InnoDB',
];

export const startHeartbeat = (options: { vip: string; credentials: TNodeTarget['mysql']; intervalMs?: number }): THeartbeat => {
  let conn: mysql.Connection | undefined;
  let stopped = false;
  let status: THeartbeatStatus = { error: null, errno: null, lastOkAt: null, failingSince: null };
  let timer: NodeJS.Timeout | undefined;

  const beat = async () => {
    try {
      if (!conn) {
        conn = await openMysql({ host: options.vip, port: options.credentials.port, user: options.credentials.user, password: options.credentials.password, connectTimeout: 2000 });
        for (const sql of SETUP) await conn.query({ sql, timeout: 3000 });
      }
      await conn.query({ sql: 'REPLACE INTO tandem.heartbeat (id, ts, server_id) VALUES (1, NOW(6), @@server_id)', timeout: 2000 });
      status = { error: null, errno: null, lastOkAt: Date.now(), failingSince: null };
    } catch (e) {
      const errno = e instanceof Error && 'errno' in e && typeof e.errno === 'number' ? e.errno : null;
      status = { ...status, error: e instanceof Error ? e.message : String(e), errno, failingSince: status.failingSince ?? Date.now() };
      conn?.destroy();
      conn = undefined;
    }
    if (!stopped) timer = setTimeout(() => void beat(), options.intervalMs ?? 1000);
  };
  void beat();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await conn?.end().catch(() => undefined);
    },
    status: () => status,
  };
};
