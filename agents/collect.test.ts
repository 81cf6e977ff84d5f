import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { optionValue } from './client-credentials';
import { buildCollectPrelude } from './collect';

const target = (password: string) => ({
  id: 'n1',
  cluster: 'lab',
  name: 'node1',
  host: '198.18.0.11',
  ssh: { port: 22, user: 'root', privateKey: 'k', passphrase: null, pinnedFingerprint: '' },
  mysql: { port: 3306, user: 'tandem', password },
});

describe('MySQL credentials for the node-side client', () => {
  it('quotes option-file values and doubles backslashes', () => {
    expect(optionValue('plain')).toBe('"plain"');
    expect(optionValue('a\\b#c;d e')).toBe('"a\\\\b#c;d e"');
    expect(optionValue('say "hi"')).toBe(`'say "hi"'`);
  });

  it('refuses what an option file cannot carry', () => {
    expect(() => optionValue('line\nbreak')).toThrow(/line break/);
    expect(() => optionValue(`both ' and "`)).toThrow(/both kinds of quote/);
  });

  it('puts the password only inside quoted here-documents, never in a command', () => {
    const prelude = buildCollectPrelude(target('$(reboot)`id`'));
    const heredocs = [...prelude.matchAll(/3<<'(TANDEM_CNF_[0-9a-f]{16})' <<'TANDEM_SQL' 2>&1\n\[client\]\nuser="tandem"\npassword="([^\n]*)"\n(TANDEM_CNF_[0-9a-f]{16})\n/g)];
    expect(heredocs).toHaveLength(3);
    for (const h of heredocs) {
      expect(h[2]).toBe('$(reboot)`id`');
      expect(h[3]).toBe(h[1]);
    }
    expect(prelude.split('$(reboot)')).toHaveLength(4);
  });

  it('passes the credentials to a real MySQL client as an option file, the password intact', () => {
    // A stand-in client that prints the option file it was given on fd 3.
    const prelude = buildCollectPrelude(target(`pa$$ 'word' \\ \`x\``));
    const script = `${prelude}\nfake() { shift 0; cat <&3; }\ntandem_sql legacy fake 3306`;
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout).toContain(`password="pa$$ 'word' \\\\ \`x\`"\n`);
  });

  it('gives the same credentials the same prelude (so the kept shell is reused) and others a new one', () => {
    expect(buildCollectPrelude(target('a'))).toBe(buildCollectPrelude(target('a')));
    expect(buildCollectPrelude(target('a'))).not.toBe(buildCollectPrelude(target('b')));
  });
});
