import { describe, expect, it } from 'vitest';
import { emptyForm, formFromCluster, toRequestBody } from '@/components/clusters/form-state';

describe('cluster form → request body', () => {
  it('leaves blank optional fields out of a new cluster so server defaults apply', () => {
    const form = emptyForm();
    form.name = ' lab ';
    form.vip = '198.18.0.100';
    form.nodes[0]!.sshPort = '';
    const body = toRequestBody(form, 'create');
    expect(body).not.toHaveProperty('description');
    expect(body).not.toHaveProperty('virtualRouterId');
    expect(body.name).toBe('lab');
    expect(body.nodes).toEqual([
      { name: 'node1', host: '', ssh: { user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
      { name: 'node2', host: '', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
    ]);
  });

  it('sends non-numeric port text as is so the server can name the field', () => {
    const form = emptyForm();
    form.nodes[1]!.mysqlPort = 'abc';
    expect(toRequestBody(form, 'create').nodes).toMatchObject([{}, { mysql: { port: 'abc' } }]);
  });

  // Leaving `services` out (as the host key) keeps the stored commands: the
  // form does not edit them, and sending them back would ask for the key.
  it('in edit mode omits blank secrets and services (keep) and clears a blank description', () => {
    const form = formFromCluster({
      name: 'lab', vip: '198.18.0.100', description: 'old', virtualRouterId: 51, lagThresholdSeconds: 30, switchoverCooldownSeconds: 300, heartbeat: false, probe: null, createdAt: '', updatedAt: '',
      nodes: [1, 2].map((i) => ({ name: `node${i}`, host: `198.18.0.1${i}`, ssh: { port: 22, user: 'root', hostKeyFingerprint: null }, mysql: { port: 3306, user: 'tandem' }, services: i === 1 ? { stopMysql: '/opt/stop-db' } : null })),
    });
    form.description = '';
    form.nodes[0]!.mysqlPassword = 'new';
    const body = toRequestBody(form, 'edit');
    expect(body).toMatchObject({ description: null, virtualRouterId: 51 });
    expect(body.nodes).toEqual([
      { name: 'node1', host: '198.18.0.11', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem', password: 'new' } },
      { name: 'node2', host: '198.18.0.12', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
    ]);
  });
});
