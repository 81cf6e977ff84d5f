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

// Where nothing answers at the VIP, the kernel says "host unreachable" while
// its neighbour entry has failed and the connect times out when it probes
// again, so the raw message flipped every few seconds: each flip changed the
// finding, pushed and saved the cluster. Both mean the same to an operator.
const NO_ANSWER = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH']);

export const describeHeartbeatError = (e: unknown, at: { host: string; port: number }): string => {
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : null;
  if (code !== null && NO_ANSWER.has(code)) return `nothing answers at ${at.host}:${at.port} (no route to the host, or the connection timed out)`;
  if (code === 'ECONNREFUSED') return `connection refused at ${at.host}:${at.port}: nothing listens on the MySQL port there`;
  return e instanceof Error ? e.message : String(e);
};

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
      status = { ...status, error: describeHeartbeatError(e, { host: options.vip, port: options.credentials.port }), errno, failingSince: status.failingSince ?? Date.now() };
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
