import { randomBytes } from 'node:crypto';
import { MYSQL_PORT, nodeAddress, peerOf, type TLabOptions, type TNodeName } from './config';
import { connectNode, query, readOnly } from './mariadb';
import { LabError, waitFor } from './sys';

export type TLabSecrets = { repl: string; tandem: string; app: string; probe: string };

export const newSecrets = (): TLabSecrets => ({
  repl: randomBytes(12).toString('base64url'),
  tandem: randomBytes(12).toString('base64url'),
  app: randomBytes(12).toString('base64url'),
  probe: randomBytes(12).toString('base64url'),
});

// Users are created with sql_log_bin=0 on every node, before replication
// starts, so they never replicate into the peer and collide.
export const createUsers = async (name: TNodeName, secrets: TLabSecrets): Promise<void> => {
  const statements: [string, unknown[]][] = [
    ['SET SESSION sql_log_bin = 0', []],
    ["CREATE OR REPLACE USER 'repl'@'198.18.0.%' IDENTIFIED BY ?", [secrets.repl]],
    ["GRANT REPLICATION SLAVE ON *.* TO 'repl'@'198.18.0.%'", []],
  ];
  for (const host of ['%', 'localhost']) {
    statements.push(
      ['CREATE OR REPLACE USER ?@? IDENTIFIED BY ?', ['tandem', host, secrets.tandem]],
      ['GRANT PROCESS, RELOAD, SELECT, REPLICATION CLIENT, REPLICATION SLAVE ADMIN, SLAVE MONITOR, BINLOG ADMIN, READ_ONLY ADMIN, CONNECTION ADMIN ON *.* TO ?@?', ['tandem', host]],
      // What the repair wizard's reseed needs: it drops and reloads every
      // schema of the node it rebuilds, and dumps its peer; skip-one sets
      // sql_slave_skip_counter, which MariaDB still guards with SUPER.
      ['GRANT INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, TRIGGER, EVENT, CREATE ROUTINE, ALTER ROUTINE, EXECUTE, LOCK TABLES, CREATE TEMPORARY TABLES, SUPER ON *.* TO ?@?', ['tandem', host]],
      ['GRANT ALL PRIVILEGES ON `tandem`.* TO ?@?', ['tandem', host]],
      // Application-like users: rights on their schemas only, no READ ONLY
      // ADMIN and no global ALL, so read_only refuses them as it refuses
      // real applications. `probe` is Tandem's probe credential.
      ['CREATE OR REPLACE USER ?@? IDENTIFIED BY ?', ['app', host, secrets.app]],
      ['GRANT ALL PRIVILEGES ON `app`.* TO ?@?', ['app', host]],
      ['CREATE OR REPLACE USER ?@? IDENTIFIED BY ?', ['probe', host, secrets.probe]],
      ['GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON `tandem`.* TO ?@?', ['probe', host]],
      ['GRANT SELECT, INSERT, UPDATE, DELETE ON `app`.* TO ?@?', ['probe', host]],
    );
  }
  // One connection, so SET sql_log_bin applies to every statement.
  const conn = await connectNode(name);
  try {
    for (const [sql, values] of statements) await conn.query({ sql, values, timeout: 10_000 });
  } finally {
    await conn.end();
  }
};

type TMasterStatus = { File: string; Position: number };

const masterStatus = async (name: TNodeName): Promise<TMasterStatus> => {
  const [row] = await query<TMasterStatus[]>(name, 'SHOW MASTER STATUS');
  if (!row) throw new LabError(`${name} has no binary log (log-bin missing?)`);
  return row;
};

const sourcesOf = (name: TNodeName): TNodeName[] => [name === 'node3' ? 'node1' : peerOf(name)];

export const configureReplication = async (nodes: TNodeName[], options: TLabOptions, secrets: TLabSecrets): Promise<void> => {
  for (const name of nodes) {
    for (const source of sourcesOf(name)) {
      const common = 'MASTER_HOST=?, MASTER_PORT=?, MASTER_USER=?, MASTER_PASSWORD=?, MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1';
      const values: unknown[] = [nodeAddress(source), MYSQL_PORT, 'repl', secrets.repl];
      await query(name, 'STOP SLAVE');
      if (options.gtid) {
        // The replica starts from where the source's binlog is now.
        const [row] = await query<{ pos: string }[]>(source, 'SELECT @@GLOBAL.gtid_binlog_pos AS pos');
        await query(name, 'SET GLOBAL gtid_slave_pos = ?', [row?.pos ?? '']);
        await query(name, `CHANGE MASTER TO ${common}, MASTER_USE_GTID=slave_pos`, values);
      } else {
        const status = await masterStatus(source);
        await query(name, `CHANGE MASTER TO ${common}, MASTER_LOG_FILE=?, MASTER_LOG_POS=?`, [...values, status.File, status.Position]);
      }
      await query(name, 'START SLAVE');
    }
  }
};

export type TSlaveStatus = Record<string, string | number | null>;

export const slaveStatus = async (name: TNodeName): Promise<TSlaveStatus | undefined> => {
  const [row] = await query<TSlaveStatus[]>(name, 'SHOW SLAVE STATUS');
  return row;
};

export const waitReplicationRunning = (nodes: TNodeName[], timeoutMs = 30_000): Promise<void> =>
  waitFor('replication threads to run on every node', async () => {
    for (const n of nodes) {
      const s = await slaveStatus(n);
      if (!s || s.Slave_IO_Running !== 'Yes' || s.Slave_SQL_Running !== 'Yes') return false;
    }
    return true;
  }, timeoutMs, 200);

// The app schema the writer uses; created on node1 once replication runs, so
// it reaches every node through replication like any application DDL.
export const createAppSchema = async (): Promise<void> => {
  await query('node1', 'CREATE DATABASE IF NOT EXISTS app');
  await query('node1', 'CREATE DATABASE IF NOT EXISTS tandem');
  await query(
    'node1',
    'CREATE TABLE IF NOT EXISTS app.writes (id BIGINT AUTO_INCREMENT PRIMARY KEY, run_id VARCHAR(40) NOT NULL, seq INT NOT NULL, written_at BIGINT NOT NULL, INDEX (run_id, seq)) ENGINE=InnoDB',
  );
  await query('node1', 'CREATE TABLE IF NOT EXISTS app.filler (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64), at BIGINT NOT NULL) ENGINE=InnoDB');
};

// Waits until every node has applied everything its sources have written.
export const waitCaughtUp = async (nodes: TNodeName[], timeoutMs = 30_000): Promise<void> => {
  const marker = `sync-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const writers: TNodeName[] = [];
  // Markers go only to writable nodes: a marker written as root on the
  // read-only passive node would be a write that bypassed the VIP, which
  // Tandem rightly reports as an errant transaction.
  const masters = nodes.filter((n) => n !== 'node3');
  const writable: TNodeName[] = [];
  for (const n of masters) if ((await readOnly(n).catch(() => null)) === false) writable.push(n);
  for (const w of writable.length > 0 ? writable : masters) {
    try {
      await query(w, 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [`${marker}-${w}`, Date.now()]);
      writers.push(w);
    } catch {
      /* a stopped node cannot take the marker; the others still sync */
    }
  }
  await waitFor('replication to catch up', async () => {
    for (const n of nodes) {
      try {
        const [row] = await query<{ c: number }[]>(n, 'SELECT COUNT(*) AS c FROM app.filler WHERE note LIKE ?', [`${marker}-%`]);
        if (Number(row?.c ?? 0) < writers.length) return false;
      } catch {
        return false;
      }
    }
    return true;
  }, timeoutMs, 200);
};
