import { describe, expect, it } from 'vitest';
import { buildCollectPrelude, optionValue } from './collect';

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

  it('puts the password only inside a quoted here-document, never in a command', () => {
    const prelude = buildCollectPrelude(target('$(reboot)`id`'));
    const [head] = prelude.split('tandem_collect()');
    expect(head).toMatch(/^tandem_cnf\(\) \{\ncat <<'TANDEM_CNF_[0-9a-f]{16}'\n\[client\]\nuser="tandem"\npassword="\$\(reboot\)`id`"\nTANDEM_CNF_[0-9a-f]{16}\n\}\n$/);
    expect(prelude.split('$(reboot)')).toHaveLength(2);
  });

  it('gives the same credentials the same prelude (so the kept shell is reused) and others a new one', () => {
    expect(buildCollectPrelude(target('a'))).toBe(buildCollectPrelude(target('a')));
    expect(buildCollectPrelude(target('a'))).not.toBe(buildCollectPrelude(target('b')));
  });
});
