import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { nodePaths, type TNodeName } from './config';
import { query } from './mariadb';
import { requireHealthyLink } from './replication-faults';
import { slaveStatus } from './replication';
import { LabError, waitFor } from './sys';

// Error 1594 (relay log read failure), made the way a crash or a bad disk
// makes it: events NODE has received but not applied are damaged in its relay
// log. NODE's SQL thread is held back while its source writes, the IO thread
// is stopped once the events are on disk, a few bytes of the first unapplied
// event's body are flipped (its CRC32 no longer matches) and the SQL thread is
// started on them. The IO thread is started again, so only the SQL thread
// shows the error, as after a real corruption.

const RELAY_FILE = /^[A-Za-z0-9._-]{1,255}$/;
// v4 event header: timestamp 4, type 1, server_id 4, event_size 4, log_pos 4, flags 2.
const HEADER = 19;

const flipBody = (file: string, position: number): string => {
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(HEADER);
    if (readSync(fd, header, 0, HEADER, position) !== HEADER) throw new LabError(`${file} ends before position ${position}`);
    const size = header.readUInt32LE(9);
    // At least one body byte before the 4-byte checksum.
    if (size < HEADER + 5) throw new LabError(`the event at ${file}:${position} is only ${size} bytes`);
    const at = position + HEADER + 1;
    const bytes = Buffer.alloc(4);
    const n = readSync(fd, bytes, 0, Math.min(4, size - HEADER - 5), at);
    for (let i = 0; i < n; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeSync(fd, bytes, 0, n, at);
    return `${n} bytes at ${at} (event type ${header.readUInt8(4)}, ${size} bytes)`;
  } finally {
    closeSync(fd);
  }
};

export const corruptRelay = async (node: TNodeName): Promise<string> => {
  const { source } = await requireHealthyLink(node);
  await query(node, 'STOP SLAVE SQL_THREAD');
  let flipped: string;
  let relay: string;
  try {
    for (let i = 0; i < 3; i++) await query(source, 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [`relay-${i}`, Date.now()]);
    const [target] = await query<{ File: string; Position: number }[]>(source, 'SHOW MASTER STATUS');
    if (!target) throw new LabError(`${source} has no binary log`);
    await waitFor(`${node} to receive ${source}'s events`, async () => {
      const s = await slaveStatus(node);
      return s?.Master_Log_File === target.File && Number(s.Read_Master_Log_Pos) >= Number(target.Position);
    }, 20_000, 100);
    await query(node, 'STOP SLAVE IO_THREAD');
    const s = await slaveStatus(node);
    const file = String(s?.Relay_Log_File ?? '');
    if (!RELAY_FILE.test(file)) throw new LabError(`unexpected relay log name ${JSON.stringify(file)} on ${node}`);
    relay = path.join(nodePaths(node).datadir, file);
    flipped = flipBody(relay, Number(s?.Relay_Log_Pos));
  } catch (e) {
    await query(node, 'START SLAVE').catch(() => undefined);
    throw e;
  }
  await query(node, 'START SLAVE SQL_THREAD');
  let error = '';
  try {
    await waitFor(`error 1594 on ${node}'s SQL thread`, async () => {
      const s = await slaveStatus(node);
      error = String(s?.Last_SQL_Error ?? '');
      return Number(s?.Last_SQL_Errno) === 1594;
    }, 20_000, 200);
  } finally {
    await query(node, 'START SLAVE IO_THREAD');
  }
  return `${node}: SQL thread stopped with error 1594 after ${flipped} of ${relay} were flipped: ${error}`;
};
