// /account – the signed-in user's own password and sessions
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { SignOutEverywhereButton } from '@/components/account/SignOutEverywhereButton';
import { requirePageUser } from '@/lib/auth/page-session';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

const AccountPage = async () => {
  const me = await requirePageUser();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-sm">Signed in as <strong>{me.name}</strong> ({me.role}). A session ends after 12 hours unused, and after {getEnv().TANDEM_SESSION_MAX_AGE_DAYS} days in any case.</p>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Sessions</h2>
        <p className="text-sm">Lost a laptop, or signed in somewhere you should not have? End every session of yours.</p>
        <SignOutEverywhereButton />
      </section>
    </div>
  );
};

export default AccountPage;
