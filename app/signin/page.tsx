// /signin – the only page reachable without a session
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { currentUser } from '@/lib/auth/page-session';

export const dynamic = 'force-dynamic';

const SignInPage = async () => {
  if (await currentUser()) redirect('/');
  return (
    <div className="space-y-6">
      <h1 className="text-center text-2xl font-semibold">Sign in to Tandem</h1>
      <SignInForm />
      <p className="text-center text-xs text-slate-600 dark:text-slate-400">No account yet? On the server: <code>npx tandem users add NAME --role admin</code></p>
    </div>
  );
};

export default SignInPage;
