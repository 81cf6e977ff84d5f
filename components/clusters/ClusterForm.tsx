'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { emptyNode, toRequestBody, type TClusterForm, type TNodeForm } from '@/components/clusters/form-state';
import { Field, TextAreaField } from '@/components/ui/Field';
import { buttonClass, secondaryButtonClass } from '@/components/ui/styles';

type TProps = { mode: 'create' | 'edit'; initial: TClusterForm; originalName?: string };

export const ClusterForm = ({ mode, initial, originalName }: TProps) => {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const isEdit = mode === 'edit';

  const setField = (key: 'name' | 'vip' | 'description' | 'virtualRouterId', value: string) => setForm((f) => ({ ...f, [key]: value }));
  const setNode = (i: number, key: keyof TNodeForm, value: string) =>
    setForm((f) => ({ ...f, nodes: f.nodes.map((n, j) => (j === i ? { ...n, [key]: value } : n)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsSaving(true);
    setMessage(null);
    try {
      const res = await fetch(isEdit ? `/api/clusters/${encodeURIComponent(originalName ?? form.name)}` : '/api/clusters', {
        method: isEdit ? 'PATCH' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toRequestBody(form, mode)),
      });
      const body: { cluster?: { name: string }; message?: string; fields?: Record<string, string> } = await res.json().catch(() => ({}));
      if (res.ok && body.cluster) {
        router.push(`/clusters/${encodeURIComponent(body.cluster.name)}`);
        router.refresh();
        return;
      }
      setErrors(body.fields ?? {});
      setMessage(body.fields ? 'Please correct the highlighted fields.' : (body.message ?? `The server answered ${res.status}.`));
    } catch {
      setMessage('Could not reach the Tandem server.');
    } finally {
      setIsSaving(false);
    }
  };

  const err = (path: string) => errors[path];
  const secretHint = isEdit ? 'Leave blank to keep the stored value.' : undefined;

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={isEdit ? 'Edit cluster' : 'Add cluster'}>
      {message && <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{message}</p>}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Cluster</legend>
        <Field id="name" label="Cluster name" value={form.name} error={err('name')} onChange={(e) => setField('name', e.target.value)} hint="Lowercase letters, digits and dashes." />
        <Field id="vip" label="Virtual IP" value={form.vip} error={err('vip')} onChange={(e) => setField('vip', e.target.value)} placeholder="198.18.0.100" />
        <Field id="virtualRouterId" label="VRRP virtual_router_id" inputMode="numeric" value={form.virtualRouterId} error={err('virtualRouterId')} onChange={(e) => setField('virtualRouterId', e.target.value)} hint="Optional, 1–255." />
        <Field id="description" label="Description" value={form.description} error={err('description')} onChange={(e) => setField('description', e.target.value)} />
        {err('nodes') && <p className="text-sm text-red-600 sm:col-span-2">Nodes {err('nodes')}</p>}
      </fieldset>

      {form.nodes.map((n, i) => {
        const p = `nodes.${i}`;
        return (
          <fieldset key={i} className="grid gap-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-700">
            <legend className="px-1 text-base font-semibold">Node {i + 1}</legend>
            <Field id={`${p}.name`} label="Node name" value={n.name} error={err(`${p}.name`)} onChange={(e) => setNode(i, 'name', e.target.value)} />
            <Field id={`${p}.host`} label="Host" value={n.host} error={err(`${p}.host`)} onChange={(e) => setNode(i, 'host', e.target.value)} placeholder="198.18.0.11 or db1.example.com" />
            <Field id={`${p}.ssh.user`} label="SSH user" value={n.sshUser} error={err(`${p}.ssh.user`)} onChange={(e) => setNode(i, 'sshUser', e.target.value)} />
            <Field id={`${p}.ssh.port`} label="SSH port" inputMode="numeric" value={n.sshPort} error={err(`${p}.ssh.port`)} onChange={(e) => setNode(i, 'sshPort', e.target.value)} />
            <div className="sm:col-span-2">
              <TextAreaField id={`${p}.ssh.privateKey`} label="SSH private key" rows={3} value={n.privateKey} error={err(`${p}.ssh.privateKey`)} hint={secretHint} autoComplete="off" spellCheck={false} onChange={(e) => setNode(i, 'privateKey', e.target.value)} placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" />
            </div>
            <Field id={`${p}.ssh.passphrase`} label="Key passphrase" type="password" autoComplete="off" value={n.passphrase} error={err(`${p}.ssh.passphrase`)} hint={isEdit ? 'Replaced together with the key.' : 'Optional.'} onChange={(e) => setNode(i, 'passphrase', e.target.value)} />
            <Field id={`${p}.mysql.port`} label="MySQL port" inputMode="numeric" value={n.mysqlPort} error={err(`${p}.mysql.port`)} onChange={(e) => setNode(i, 'mysqlPort', e.target.value)} />
            <Field id={`${p}.mysql.user`} label="MySQL user" value={n.mysqlUser} error={err(`${p}.mysql.user`)} onChange={(e) => setNode(i, 'mysqlUser', e.target.value)} />
            <Field id={`${p}.mysql.password`} label="MySQL password" type="password" autoComplete="new-password" value={n.mysqlPassword} error={err(`${p}.mysql.password`)} hint={secretHint} onChange={(e) => setNode(i, 'mysqlPassword', e.target.value)} />
            {form.nodes.length > 2 && (
              <div className="sm:col-span-2">
                <button type="button" className={secondaryButtonClass} onClick={() => setForm((f) => ({ ...f, nodes: f.nodes.filter((_, j) => j !== i) }))}>Remove node {i + 1}</button>
              </div>
            )}
          </fieldset>
        );
      })}

      <div className="flex gap-3">
        <button type="button" className={secondaryButtonClass} onClick={() => setForm((f) => ({ ...f, nodes: [...f.nodes, emptyNode(f.nodes.length)] }))}>Add node</button>
        <button type="submit" className={buttonClass} disabled={isSaving}>{isSaving ? 'Saving…' : isEdit ? 'Save changes' : 'Add cluster'}</button>
      </div>
    </form>
  );
};
