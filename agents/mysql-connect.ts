import mysql from 'mysql2/promise';

// Every connection Tandem opens to a node's MySQL (the heartbeat, action SQL,
// the drill's probe, and the lab's own clients) goes through here. mysql2
// gives each connection a prepared-statement cache built for 16,000
// statements up front: four arrays of 16,000 filled slots, ≈ 2 ms of CPU
// and ≈ 0.5 MB of garbage per connection on this project's 2-core VMs
// (bench/mysql-connect.ts). Tandem never prepares statements (query, not
// execute), and a drill opens a connection per attempt, 30 or more a second:
// with the default cache that garbage cost 0.6–1.5 s of garbage collection
// per drill in Tandem's process (pauses up to 121 ms, event-loop stalls up
// to 156 ms), which late-timed the drill's own answers.
export const MYSQL_STATEMENT_CACHE = 1;

export type TMysqlOptions = Omit<mysql.ConnectionOptions, 'maxPreparedStatements'>;

export const openMysql = (options: TMysqlOptions): Promise<mysql.Connection> => mysql.createConnection({ ...options, maxPreparedStatements: MYSQL_STATEMENT_CACHE });
