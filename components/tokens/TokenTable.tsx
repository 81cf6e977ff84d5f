import { RevokeTokenButton } from '@/components/tokens/RevokeTokenButton';
import type { TPublicToken } from '@/lib/tokens/list-tokens';
import type { TTokenState } from '@/lib/tokens/token-state';

export type TTokenRow = TPublicToken & { state: TTokenState };

// Dates in UTC as /users shows them; the full instant is in the tooltip.
const Day = ({ iso }: { iso: string }) => <time dateTime={iso} title={iso} className="font-mono text-xs">{iso.slice(0, 10)}</time>;

const StateCell = ({ token }: { token: TTokenRow }) => {
  switch (token.state) {
    case 'active':
      return <td>active</td>;
    case 'expired':
      return <td className="font-semibold text-red-700 dark:text-red-400">expired</td>;
    case 'revoked':
      return <td className="font-semibold text-red-700 dark:text-red-400">revoked {token.revokedAt && <Day iso={token.revokedAt} />}</td>;
  }
};

export const TokenTable = ({ tokens }: { tokens: TTokenRow[] }) => {
  if (tokens.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No API tokens yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">API tokens</caption>
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
        <tr><th scope="col" className="py-2">Name</th><th scope="col">Role</th><th scope="col">Prefix</th><th scope="col">Created by</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">State</th><th scope="col">Actions</th></tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.name} className={`border-b border-slate-100 align-top dark:border-slate-800 ${t.state === 'active' ? '' : 'text-slate-500'}`}>
            <td className="py-2 font-medium">{t.name}</td>
            <td>{t.role}</td>
            <td className="font-mono text-xs">{t.prefix}…</td>
            <td>{t.createdBy ?? '—'}</td>
            <td><Day iso={t.createdAt} /></td>
            <td>{t.lastUsedAt ? <Day iso={t.lastUsedAt} /> : 'never'}</td>
            <td className={t.state === 'expired' ? 'font-semibold text-red-700 dark:text-red-400' : ''}>{t.expiresAt ? <Day iso={t.expiresAt} /> : 'never'}</td>
            <StateCell token={t} />
            <td className="py-2">{t.state === 'active' && <RevokeTokenButton name={t.name} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
