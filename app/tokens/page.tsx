// /tokens – API tokens: list, create (shown once), revoke (admins)
import { CreateTokenForm } from '@/components/tokens/CreateTokenForm';
import { TokenTable } from '@/components/tokens/TokenTable';
import { requirePageUser } from '@/lib/auth/page-session';
import { canManageUsers } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { listTokens } from '@/lib/tokens/list-tokens';
import { tokenState } from '@/lib/tokens/token-state';

export const dynamic = 'force-dynamic';

const TokensPage = async () => {
  const me = await requirePageUser();
  if (!canManageUsers(me.role)) {
    return <p className="text-sm">Only admins manage API tokens. Your own password and sessions are on <a href="/account" className="underline">your account</a>.</p>;
  }
  const now = new Date();
  const tokens = (await listTokens({ db: await getDb() })).map((t) => ({ ...t, state: tokenState(t, now) }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">Scripts and CI call the API with <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code> and act with the token&apos;s role.</p>
      <TokenTable tokens={tokens} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Create a token</h2>
        <CreateTokenForm />
      </section>
    </div>
  );
};

export default TokensPage;
