import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { ZDryRunSchema } from '@/lib/realtime/payloads';
import { ZDiagnosisSchema } from '@/lib/repair/diagnosis-schema';
import { SECRET_MARKERS, sampleDoc } from '../support/fixtures';
import { startHttpReceiver } from '../support/notification-receivers';
import { testDatabase } from '../support/use-test-database';

// The real `tandem` binary against this suite's database, as a user runs it.
const tandem = (args: string[], input?: string) => {
  const t = testDatabase();
  const r = spawnSync(process.execPath, ['scripts/tandem.mjs', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir },
  });
  const output = `${r.stdout}${r.stderr}`;
  for (const secret of Object.values(SECRET_MARKERS)) expect(output, `tandem ${args.join(' ')} printed a secret`).not.toContain(secret);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const tandemAsync = (args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const t = testDatabase();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['scripts/tandem.mjs', ...args], { encoding: 'utf8', timeout: 60_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir } }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      for (const secret of Object.values(SECRET_MARKERS)) expect(output, `tandem ${args.join(' ')} printed a secret`).not.toContain(secret);
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
};

const inParallel = async <T, R>(items: T[], run: (item: T) => Promise<R>, width = 2): Promise<R[]> => {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (item !== undefined) out[i] = await run(item);
    }
  }));
  return out;
};

// Inventory documents carry (test) secrets: they live in one directory that
// goes when the file's tests end, not one left in /tmp per document.
let docDir: string | null = null;
let docCount = 0;
const docFile = (doc: unknown): string => {
  docDir ??= mkdtempSync(path.join(tmpdir(), 'tandem-cli-'));
  const file = path.join(docDir, `inventory-${++docCount}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
};
afterAll(() => {
  if (docDir) rmSync(docDir, { recursive: true, force: true });
});

// Each test starts the real CLI several times (tsx and Prisma load each
// time: seconds apiece on a busy 2-core machine), hence the generous bounds.
describe('tandem CLI', () => {
  it('imports, lists, exports, re-imports and removes a cluster', () => {
    const file = docFile(sampleDoc());
    expect(tandem(['import', file])).toMatchObject({ code: 0, stdout: 'created cluster lab (2 nodes, VIP 198.18.0.100)\n' });

    const table = tandem(['clusters', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+VIP\s+NODES\s+DESCRIPTION$/);
    expect(table.stdout).toMatch(/^lab\s+198\.18\.0\.100\s+node1=198\.18\.0\.11,node2=198\.18\.0\.12\s+test pair$/m);

    const listed = JSON.parse(tandem(['clusters', 'list', '--json']).stdout);
    expect(listed).toMatchObject([{ name: 'lab', nodes: [{ name: 'node1' }, { name: 'node2' }] }]);

    const exported = JSON.parse(tandem(['export', 'lab']).stdout);
    expect(exported).toMatchObject({ name: 'lab', vip: '198.18.0.100', nodes: [{ ssh: { user: 'root' } }, {}] });

    const changed = sampleDoc({ vip: '198.18.0.101' });
    const again = tandem(['import', '-', '--json'], JSON.stringify(changed));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: 'updated', cluster: { vip: '198.18.0.101' } });

    expect(tandem(['remove', 'lab'])).toMatchObject({ code: 0, stdout: 'removed cluster lab\n' });
    expect(tandem(['clusters', 'list', '--json']).stdout.trim()).toBe('[]');
  }, 120_000);

  it('exits 1 with a one-line error naming the fields of an invalid document, changing nothing', () => {
    const bad = sampleDoc({ vip: 'nope' });
    bad.nodes[1]!.host = '198.18.0.11';
    const r = tandem(['import', docFile(bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tandem: .*vip must be an IPv4 or IPv6 address.*nodes\.1\.host duplicates/);
    expect(tandem(['clusters', 'list', '--json']).stdout.trim()).toBe('[]');
  }, 120_000);

  it('exits non-zero with one line for unreadable files, bad JSON and unknown names', () => {
    for (const [args, input, pattern] of [
      [['import', '/nonexistent/file.json'], undefined, /^tandem: cannot read \/nonexistent\/file.json: ENOENT$/],
      [['import', '-'], '{not json', /^tandem: - is not valid JSON/],
      [['export', 'nope'], undefined, /^tandem: no cluster named "nope"$/],
      [['remove', 'nope'], undefined, /^tandem: no cluster named "nope"$/],
    ] as const) {
      const r = tandem([...args], input);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toMatch(pattern);
    }
  }, 120_000);

  it('parses saved server output with tandem parse, and refuses garbage with exit 1', () => {
    const fixture = readFileSync('test/fixtures/real-world/replica-status__mysql-docs-80-show-replica-status.txt', 'utf8');
    const parsed = tandem(['parse', 'slave-status'], fixture);
    expect(parsed.code).toBe(0);
    expect(JSON.parse(parsed.stdout)).toMatchObject({ flavor: 'mysql', ioRunning: 'Yes', sqlRunning: 'Yes' });
    expect(tandem(['parse', 'slave-status'], '')).toMatchObject({ code: 0, stdout: 'null\n' });
    const garbage = tandem(['parse', 'keepalived-conf'], 'vrrp_instance VI_1 {\n  state MASTER\n');
    expect(garbage.code).toBe(1);
    expect(garbage.stderr.trim().split('\n')).toHaveLength(1);
    expect(garbage.stderr).toMatch(/^tandem: cannot parse keepalived-conf: /);
    expect(tandem(['parse', 'nonsense'], '').code).toBe(1);
  }, 120_000);

  it('manages users and tokens, and every change lands in the audit log', () => {
    expect(tandem(['users', 'add', 'carol', '--role', 'operator', '--password-stdin'], 'a long enough password\n')).toMatchObject({ code: 0, stdout: 'created user carol (operator)\n' });
    expect(tandem(['users', 'add', 'dave', '--role', 'root', '--password-stdin'], 'a long enough password')).toMatchObject({ code: 1 });
    const created = tandem(['tokens', 'create', '--name', 'ci', '--role', 'viewer', '--json']);
    const { token } = JSON.parse(created.stdout) as { token: string };
    expect(token).toMatch(/^tdm_/);
    expect(tandem(['tokens', 'list']).stdout).not.toContain(token);
    expect(tandem(['tokens', 'revoke', 'ci']).code).toBe(0);
    const audit = JSON.parse(tandem(['audit', '--json']).stdout) as { action: string; target: string; actor: string; result: string }[];
    expect(audit.map((a) => `${a.action}:${a.target}:${a.result}`)).toEqual(expect.arrayContaining(['user.create:carol:ok', 'token.create:ci:ok', 'token.revoke:ci:ok']));
    expect(audit.every((a) => a.actor.startsWith('cli:'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain('a long enough password');
  }, 120_000);

  // Rows written before names and descriptions were validated, or through a
  // path that does not validate (the audit IP is whatever the proxy sent).
  it('prints stored control characters escaped: no terminal escapes, no forged rows', async () => {
    expect(tandem(['import', docFile(sampleDoc())]).code).toBe(0);
    const db = await getDb();
    await db.cluster.update({ where: { name: 'lab' }, data: { description: 'pair\u001b[2J\u001b[H\nghost  10.9.9.9  x=1  forged' } });
    const forged = '\n2026-01-01T00:00:00.000Z  user:admin  -  user.create  mallory  ok';
    await recordAudit(db, { actor: `user:eve\u001b]0;owned\u0007${forged}`, ip: '10.0.0.1\u009b31m', action: 'auth.signin', target: 'eve\u202etxt.exe', result: 'denied' });

    const list = tandem(['clusters', 'list']).stdout;
    const audit = tandem(['audit']).stdout;
    for (const out of [list, audit]) expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(list.trim().split('\n')).toHaveLength(2);
    expect(list).toContain('pair\\x1b[2J\\x1b[H\\x0aghost');
    expect(audit).not.toMatch(/^2026-01-01T00:00:00.000Z/m);
    expect(audit).toContain('user:eve\\x1b]0;owned\\x07\\x0a2026-01-01');
    expect(audit).toContain('10.0.0.1\\x9b31m');
    expect(audit).toContain('eve\\u202etxt.exe');
    expect(tandem(['remove', 'lab']).code).toBe(0);
    // Four CLI starts: each loads tsx and Prisma, slow on a busy machine.
  }, 120_000);

  it('runs the account lifecycle: disable, enable, role, reset password, end sessions, remove; tokens with an expiry', () => {
    expect(tandem(['users', 'add', 'erin', '--role', 'admin', '--password-stdin'], 'a long enough password')).toMatchObject({ code: 0 });
    expect(tandem(['users', 'add', 'frank', '--role', 'viewer', '--password-stdin'], 'a long enough password')).toMatchObject({ code: 0 });
    expect(tandem(['users', 'disable', 'frank'])).toMatchObject({ code: 0, stdout: 'disabled user frank (signed out everywhere)\n' });
    const table = tandem(['users', 'list']).stdout;
    expect(table.split('\n')[0]).toMatch(/^NAME\s+ROLE\s+CREATED\s+DISABLED\s+SESSIONS$/);
    expect(table).toMatch(/^frank\s+viewer\s+\S+\s+\d{4}-\S+\s+0$/m);
    expect(tandem(['users', 'enable', 'frank']).code).toBe(0);
    expect(tandem(['users', 'role', 'frank', '--role', 'operator'])).toMatchObject({ code: 0, stdout: 'frank is now operator\n' });
    expect(tandem(['users', 'reset-password', 'frank', '--password-stdin'], 'another long password\n')).toMatchObject({ code: 0 });
    expect(tandem(['users', 'end-sessions', 'frank', '--json'])).toMatchObject({ code: 0, stdout: '{"user":"frank","ended":0}\n' });
    expect(tandem(['users', 'remove', 'frank']).code).toBe(0);
    const last = tandem(['users', 'disable', 'erin']);
    expect(last.code).toBe(1);
    expect(last.stderr).toBe('tandem: cannot disable the last enabled admin; make another user admin first\n');
    expect(tandem(['users', 'disable', 'erin ']).stderr).toMatch(/^tandem: no user named "erin "/);

    expect(tandem(['tokens', 'create', '--name', 'short', '--role', 'viewer', '--expires-days', '0']).code).toBe(1);
    expect(tandem(['tokens', 'create', '--name', 'short', '--role', 'viewer', '--expires-days', 'soon']).code).toBe(1);
    const created = JSON.parse(tandem(['tokens', 'create', '--name', 'short', '--role', 'viewer', '--expires-days', '2', '--json']).stdout) as { expiresAt: string };
    expect(Math.abs(Date.parse(created.expiresAt) - Date.now() - 2 * 86_400_000)).toBeLessThan(120_000);
    const tokens = tandem(['tokens', 'list']).stdout;
    expect(tokens.split('\n')[0]).toMatch(/\bEXPIRES\b/);
    expect(tokens).toContain(created.expiresAt);

    const audit = JSON.parse(tandem(['audit', '--json', '--limit', '100']).stdout) as { action: string; target: string; result: string }[];
    expect(audit.map((a) => `${a.action}:${a.target}:${a.result}`)).toEqual(
      expect.arrayContaining(['user.disable:frank:ok', 'user.enable:frank:ok', 'user.role:frank:ok', 'user.password-reset:frank:ok', 'user.end-sessions:frank:ok', 'user.remove:frank:ok', 'user.disable:erin:denied']),
    );
    expect(JSON.stringify(audit)).not.toContain('another long password');
    // Twenty CLI starts one after another, each loading tsx and Prisma: once,
    // beside other work on the machine, they took 142 s. The bound only
    // catches a hang.
  }, 300_000);

  // What can be checked without a lab: the sample cluster's nodes do not
  // exist, so every case here must be decided before any SSH round trip.
  it('switchover and actions: usage errors exit 2, unknown names exit 1, an empty history is said', async () => {
    expect(tandem(['import', docFile(sampleDoc())]).code).toBe(0);
    const usage = [['switchover', 'lab'], ['switchover', 'lab', 'node2'], ['switchover', '--to', 'node2'], ['switchover', 'lab', '--to', 'node2', '--yes', '--force'], ['nodes', 'accept-writes', 'lab'], ['drill', 'lab'], ['drill', '--failure', 'stop-mysqld'], ['drill', 'lab', '--failure', 'stop-mysqld', '--hold', '0', '--yes']];
    // Independent starts, two at a time: each start is seconds of tsx and Prisma.
    const answers = await inParallel(usage, (args) => tandemAsync(args));
    for (const [i, args] of usage.entries()) {
      const r = answers[i] ?? { code: null, stdout: '', stderr: '' };
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^tandem: (usage: tandem|--force needs --reason|--hold must be)/);
    }
    // stdin is a pipe here: nobody to type the cluster name.
    const noTty = tandem(['switchover', 'lab', '--to', 'node2'], '');
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toBe('tandem: no terminal to confirm on; pass --yes to switch over without typing the cluster name, or --dry-run\n');
    expect(tandem(['drill', 'lab', '--failure', 'stop-mysqld'], '')).toMatchObject({ code: 2, stderr: 'tandem: no terminal to confirm on; pass --yes to run the drill without typing the cluster name, or --dry-run\n' });
    expect(tandem(['drill', 'lab', '--failure', 'explode', '--yes']).stderr).toMatch(/^tandem: invalid action parameters: params\.failure must be one of: stop-mysqld, kill-mysqld, stop-keepalived, isolate$/m);

    const NO_RUN = '00000000-0000-4000-8000-000000000000';
    const checks: [string[], (r: { code: number | null; stdout: string; stderr: string }) => void][] = [
      [['switchover', 'nope', '--to', 'node2', '--dry-run'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: no cluster named "nope"\n' })],
      [['switchover', 'lab', '--to', 'node9', '--yes'], (r) => expect(r.stderr).toMatch(/^tandem: invalid action parameters: params\.to no node named "node9"; nodes: node1, node2$/m)],
      [['actions', 'list', 'lab'], (r) => expect(r).toMatchObject({ code: 0, stdout: 'No action has run on lab.\n' })],
      [['actions', 'list', 'lab', '--json', '--limit', '5'], (r) => expect(r).toMatchObject({ code: 0, stdout: '[]\n' })],
      [['actions', 'list', 'lab', '--limit', '0'], (r) => expect(r.code).toBe(2)],
      [['actions', 'list', 'nope'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: no cluster named "nope"\n' })],
      [['actions', 'show', NO_RUN], (r) => expect(r).toMatchObject({ code: 1, stderr: `tandem: no action run ${NO_RUN}\n` })],
      [['actions', 'show', 'x\u001b[2J'], (r) => expect(r).toMatchObject({ code: 1 })],
      [['actions', 'abort', NO_RUN], (r) => expect(r.code).toBe(1)],
      [['actions', 'ack', NO_RUN], (r) => expect(r.code).toBe(1)],
      [['actions', 'restore', NO_RUN], (r) => expect(r).toMatchObject({ code: 1, stderr: `tandem: no action run ${NO_RUN}\n` })],
      [['nodes', 'accept-writes', 'lab', 'node9'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: cluster lab has no node named "node9"\n' })],
      [['nodes', 'accept-writes', 'nope', 'node1'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: no cluster named "nope"\n' })],
    ];
    const results = await inParallel(checks, ([args]) => tandemAsync(args));
    for (const [i, [, check]] of checks.entries()) check(results[i] ?? { code: null, stdout: '', stderr: '' });
    expect(tandem(['remove', 'lab']).code).toBe(0);
    // About twenty CLI starts: 100 s measured on the 2-core machine.
  }, 300_000);

  // Issue 14's commands without a lab: the sample cluster's nodes cannot be
  // reached (their key does not parse), so each case is decided before any
  // change, and the --json documents show the shape a script reads. The CLI
  // runs as the machine's operator (actor cli:<user>, no role to refuse).
  it('diagnose, checksum and repair: usage errors exit 2, unknown names and refused preflights exit 1, --json prints one document', async () => {
    expect(tandem(['import', docFile(sampleDoc())]).code).toBe(0);
    const usage = [
      ['checksum'],
      ['checksum', 'lab', 'extra'],
      ['checksum', 'lab', '--chunk-time', '10'],
      ['checksum', 'lab', '--chunk-time', 'fast'],
      ['checksum', 'lab', '--schemas', ' , '],
      ['repair', 'lab'],
      ['repair', '--node', 'node2'],
      ['repair', 'lab', 'node2', '--node', 'node2'],
    ];
    const answers = await inParallel(usage, (args) => tandemAsync(args));
    for (const [i, args] of usage.entries()) {
      const r = answers[i] ?? { code: null, stdout: '', stderr: '' };
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(/^tandem: (usage: tandem (checksum|repair) CLUSTER|--chunk-time must be 50–5000|--schemas needs a comma-separated list)/);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    // stdin is a pipe here: nobody to type the cluster name.
    expect(tandem(['repair', 'lab', '--node', 'node2', '--strategy', 'restart'], '')).toMatchObject({ code: 2, stderr: 'tandem: no terminal to confirm on; pass --yes to repair it without typing the cluster name, or --dry-run\n' });
    expect(tandem(['repair', 'lab', '--node', 'node2', '--strategy', 'reconnect', '--password-stdin'], 'new-repl-password\n')).toMatchObject({
      code: 2,
      stderr: 'tandem: --password-stdin uses stdin, so the cluster name cannot be typed: add --yes (or --dry-run)\n',
    });

    type TAnswer = { code: number | null; stdout: string; stderr: string };
    const checks: [string[], (r: TAnswer) => void, string?][] = [
      [['diagnose'], (r) => expect(r).toMatchObject({ code: 2, stderr: 'tandem: missing CLUSTER; see tandem --help\n' })],
      [['diagnose', 'lab', 'extra'], (r) => expect(r).toMatchObject({ code: 2, stderr: 'tandem: unexpected argument "extra"; see tandem --help\n' })],
      [['diagnose', 'nope'], (r) => expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'tandem: no cluster named "nope"\n' })],
      [['checksum', 'nope'], (r) => expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'tandem: no cluster named "nope"\n' })],
      [['repair', 'nope', '--node', 'node2', '--strategy', 'restart', '--dry-run'], (r) => expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'tandem: no cluster named "nope"\n' })],
      [['repair', 'lab', '--node', 'node9', '--strategy', 'restart', '--dry-run'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: invalid action parameters: params.node no node named "node9"; nodes: node1, node2\n' })],
      [['repair', 'lab', '--node', 'node2', '--strategy', 'explode', '--yes'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: invalid action parameters: params.strategy must be one of: restart, reconnect, relay-reset, gtid-reposition, skip-one, reseed, flush-reposition\n' })],
      // The password is refused where it does not belong, and never echoed.
      [
        ['repair', 'lab', '--node', 'node2', '--strategy', 'restart', '--password-stdin', '--yes'],
        (r) => {
          expect(r).toMatchObject({ code: 1, stderr: 'tandem: invalid action parameters: params.sourcePassword only the reconnect strategy takes a password\n' });
          expect(`${r.stdout}${r.stderr}`).not.toContain('planted-repl-password');
        },
        'planted-repl-password\n',
      ],
      // Without --strategy the diagnosis chooses; it cannot read node2.
      [['repair', 'lab', '--node', 'node2', '--yes'], (r) => expect(r).toMatchObject({ code: 1, stderr: 'tandem: node2\'s replication runs cleanly or could not be read: nothing to choose a repair for (tandem diagnose lab)\n' })],
      [
        ['diagnose', 'lab', '--json'],
        (r) => {
          // Exit 1: replication is not known to run everywhere.
          expect(r).toMatchObject({ code: 1, stderr: '' });
          const doc = JSON.parse(r.stdout) as Record<string, unknown>;
          expect(Object.keys(doc)).toEqual(['cluster', 'checkedAt', 'nodes', 'unreadable']);
          const d = ZDiagnosisSchema.parse(doc);
          expect(Date.parse(d.checkedAt)).toBeGreaterThan(Date.now() - 300_000);
          expect(d).toMatchObject({ cluster: 'lab', nodes: [] });
          expect(d.unreadable.map((u) => u.node)).toEqual(['node1', 'node2']);
          for (const u of d.unreadable) expect(u.error).toMatch(new RegExp(`^Tandem cannot reach ${u.node} over SSH: `));
        },
      ],
      [
        ['checksum', 'lab', '--dry-run', '--json'],
        (r) => {
          // The human account goes to stderr; stdout is the dry run alone.
          expect(r.code).toBe(1);
          expect(r.stderr).toContain('✗ nodes-reachable');
          expect(r.stderr).toContain('The preflight refuses');
          const doc = JSON.parse(r.stdout) as Record<string, unknown>;
          expect(Object.keys(doc)).toEqual(['plan', 'preflight', 'allowed']);
          const dry = ZDryRunSchema.parse(doc);
          expect(dry.allowed).toBe(false);
          expect(dry.plan.steps.map((s) => s.key)).toEqual(['compare', 'replication-after']);
          expect(dry.preflight.find((c) => c.check === 'nodes-reachable')).toMatchObject({ ok: false, severity: 'block' });
        },
      ],
      [
        ['repair', 'lab', '--node', 'node2', '--strategy', 'restart', '--dry-run', '--json'],
        (r) => {
          expect(r.code).toBe(1);
          const dry = ZDryRunSchema.parse(JSON.parse(r.stdout));
          expect(dry.allowed).toBe(false);
          expect(dry.plan.steps.map((s) => s.key)).toEqual(['start-replica', 'verify-replication', 'drift-check']);
          expect(dry.plan.steps[0]?.commands).toEqual(['START SLAVE;']);
          expect(dry.preflight.filter((c) => !c.ok).map((c) => c.check)).toEqual(['nodes-reachable']);
        },
      ],
      [
        ['checksum', 'lab', '--dry-run', '--schemas', 'app,shop', '--chunk-time', '200'],
        (r) => {
          expect(r).toMatchObject({ code: 1, stderr: '' });
          expect(r.stdout).toMatch(/^Preflight:\n {2}✓ pair: node1 and node2\n {2}✗ nodes-reachable: /);
          expect(r.stdout).toContain('The preflight refuses: fix what is marked ✗, then run this again.');
        },
      ],
    ];
    const results = await inParallel(checks, ([args, , input]) => tandemAsync(args, input));
    for (const [i, [, check]] of checks.entries()) check(results[i] ?? { code: null, stdout: '', stderr: '' });
    expect(tandem(['remove', 'lab']).code).toBe(0);
    // About twenty CLI starts, two at a time.
  }, 300_000);

  it('exits 2 on usage errors and prints help on --help', () => {
    expect(tandem(['frobnicate']).code).toBe(2);
    expect(tandem(['clusters', 'list', '--color']).code).toBe(2);
    const help = tandem(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tandem import FILE');
    expect(help.stdout).toContain('tandem switchover CLUSTER --to NODE');
    expect(help.stdout).toContain('tandem nodes accept-writes CLUSTER NODE');
    expect(help.stdout).toContain('tandem drill CLUSTER --failure KIND [--node NODE] [--hold SECONDS]');
    expect(help.stdout).toContain('tandem actions restore ID');
    expect(help.stdout).toContain('tandem diagnose CLUSTER [--json]');
    expect(help.stdout).toContain('tandem checksum CLUSTER [--schemas A,B] [--chunk-time MS] [--dry-run] [--json]');
    expect(help.stdout).toContain('tandem repair CLUSTER --node NODE [--strategy S]');
  }, 120_000);

  it('notification channels and rules: added from JSON on stdin, listed without secrets, tested against a real receiver', async () => {
    const receiver = await startHttpReceiver({ secret: 'cli-webhook-secret-0123456789' });
    try {
      const added = await tandemAsync(['channels', 'add', '-'], JSON.stringify({ name: 'ops', type: 'webhook', url: receiver.url('/hook'), secret: 'cli-webhook-secret-0123456789' }));
      expect(added).toMatchObject({ code: 0, stdout: 'added webhook channel ops\n' });
      const [rule, bad] = await Promise.all([
        tandemAsync(['rules', 'add', '-'], JSON.stringify({ name: 'oncall', events: ['vip-moved', 'finding-raised'], channels: ['ops'] })),
        tandemAsync(['channels', 'add', '-'], JSON.stringify({ name: 'x', type: 'webhook', url: 'ftp://nope', secret: 'short' })),
      ]);
      expect(rule).toMatchObject({ code: 0, stdout: 'added rule oncall: vip-moved, finding-raised → ops\n' });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^tandem: invalid notification channel: url must be an http:\/\/ or https:\/\/ URL.*; secret must be 16/);
      const [list, test, refused] = await Promise.all([tandemAsync(['channels', 'list', '--json']), tandemAsync(['channels', 'test', 'ops']), tandemAsync(['channels', 'remove', 'ops'])]);
      expect(list.stdout).not.toContain('cli-webhook-secret');
      expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'ops', type: 'webhook', hasSecret: true }]);
      expect(test).toMatchObject({ code: 0, stdout: expect.stringMatching(/^delivered to ops in \d+ ms: HTTP 200/) });
      expect(receiver.received.at(-1)?.signatureValid).toBe(true);
      expect(refused).toMatchObject({ code: 1, stderr: 'tandem: channel "ops" is used by the rule "oncall": remove it from it first\n' });
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
