import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplerScript } from './drill-sampler';
import type { TNodeTarget } from './node-target';

// The watch's script under the local sh (dash on Debian, as on the nodes),
// with stand-ins for ip, date and the MySQL client first on PATH: the
// fallbacks a lab of one Debian version cannot show (an ip without -tshort,
// a server without NOW(6), a date without fractions).
const VIP = '198.18.0.100';
const target: TNodeTarget = {
  id: 'n1',
  cluster: 'c',
  name: 'node1',
  host: '198.18.0.11',
  ssh: { port: 22, user: 'root', privateKey: '', passphrase: null, pinnedFingerprint: '' },
  mysql: { port: 3306, user: 'tandem', password: 'secret' },
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const stub = (dir: string, name: string, body: string) => {
  writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(dir, name), 0o755);
};

// Runs the script for 2–3 s (its limit is in whole seconds); returns its lines.
const run = (o: { tshort: boolean; nowSix: boolean; fractions: boolean }): string[] => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-sampler-'));
  dirs.push(dir);
  const realDate = spawnSync('sh', ['-c', 'command -v date'], { encoding: 'utf8' }).stdout.trim();
  stub(dir, 'date', o.fractions ? `exec ${realDate} "$@"` : `case "$1" in +%s.%N) echo 1796423265.N ;; *) exec ${realDate} "$@" ;; esac`);
  stub(
    dir,
    'ip',
    `for a in "$@"; do case "$a" in -tshort) ${o.tshort ? 'ts=1' : 'echo "Option \\"-tshort\\" is unknown" >&2; exit 255'} ;; -V) echo "ip utility"; exit 0 ;; monitor) mon=1 ;; esac; done
if [ -n "$mon" ]; then
  sleep 0.3
  p=""; [ -z "$ts" ] || p="[2026-12-04T22:27:45.879087] "
  echo "\${p}3: eth0    inet 198.18.0.99/24 scope global eth0"
  echo "\${p}Deleted 3: eth0    inet ${VIP}/32 scope global eth0"
  sleep 5
  exit 0
fi
echo "3: eth0    inet 198.18.0.11/24 scope global eth0"
echo "3: eth0    inet ${VIP}/32 scope global eth0"`,
  );
  stub(
    dir,
    'mariadb',
    `while read -r q; do case "$q" in
  *UNIX_TIMESTAMP*read_only*|*read_only*UNIX_TIMESTAMP*) ${o.nowSix ? 'printf "0\\t1796423265.123456\\n"' : 'echo "ERROR 1064 (42000) at line 1: syntax" >&2; exit 1'} ;;
  *UNIX_TIMESTAMP*) ${o.nowSix ? 'echo 1796423265.123456' : 'echo "ERROR 1064 (42000) at line 1: syntax" >&2; exit 1'} ;;
  *read_only*) echo 0 ;;
esac; done`,
  );
  // A session of its own, as sshd gives it: the script ends with `kill 0`.
  const r = spawnSync('setsid', ['-w', 'sh', '-s', '--', VIP, '3306', '3'], { input: samplerScript(target), encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` }, timeout: 15_000 });
  return r.stdout.split('\n').filter((l) => /^[VR] /.test(l));
};

const STAMP_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const STAMP_DATE = /^\d{10}\.\d{9}$/;

describe("the drill watch's script on a node", () => {
  it('stamps address events with ip -tshort, read_only with the server NOW(6), re-reads with date', () => {
    const lines = run({ tshort: true, nowSix: true, fractions: true });
    const event = lines.find((l) => l.startsWith('V 0 '));
    expect(event?.split(' ')[2], lines.join('\n')).toMatch(STAMP_ISO);
    expect(lines.filter((l) => l.startsWith('V 1 ')).every((l) => STAMP_DATE.test(l.split(' ')[2] ?? '')), lines.join('\n')).toBe(true);
    const ro = lines.filter((l) => l.startsWith('R ') && !l.startsWith('R x'));
    expect(ro.length, lines.join('\n')).toBeGreaterThan(3);
    expect(ro.every((l) => l === 'R 0 1796423265.123456'), lines.join('\n')).toBe(true);
    // A session that ended (here at the script's own time limit): unknown, stamped by date.
    expect(lines.filter((l) => l.startsWith('R x')).every((l) => STAMP_DATE.test(l.split(' ')[2] ?? '')), lines.join('\n')).toBe(true);
  });

  it('an ip without -tshort and a server without NOW(6): those readings are stamped by date, still on the node clock', () => {
    const lines = run({ tshort: false, nowSix: false, fractions: true });
    expect(lines.find((l) => l.startsWith('V 0 '))?.split(' ')[2], lines.join('\n')).toMatch(STAMP_DATE);
    const ro = lines.filter((l) => l.startsWith('R 0'));
    expect(ro.length, lines.join('\n')).toBeGreaterThan(3);
    expect(ro.every((l) => STAMP_DATE.test(l.split(' ')[2] ?? '')), lines.join('\n')).toBe(true);
  });

  it('a date without fractions: no line carries a stamp, so every reading is timed on arrival', () => {
    const lines = run({ tshort: true, nowSix: true, fractions: false });
    expect(lines.some((l) => l.startsWith('V 0')), lines.join('\n')).toBe(true);
    expect(lines.some((l) => l.startsWith('R 0')), lines.join('\n')).toBe(true);
    expect(lines.every((l) => l.trim().split(' ').length === 2), lines.join('\n')).toBe(true);
  });
});
