import type { Metadata } from 'next';
import { Link } from '@/components/ui/Link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { LiveIndicator } from '@/components/realtime/LiveIndicator';
import { currentUser } from '@/lib/auth/page-session';
import { canManageNotifications } from '@/lib/auth/roles';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tandem',
  description: 'Control plane for MySQL/MariaDB dual-master pairs behind a keepalived VIP',
};

export const dynamic = 'force-dynamic';

const RootLayout = async ({ children }: { children: ReactNode }) => {
  const user = await currentUser();
  return (
  <html lang="en">
    <body className="min-h-screen font-sans antialiased">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">Tandem</Link>
          {user && <Link href="/" className="text-sm hover:underline">Clusters</Link>}
          {user?.role === 'admin' && <Link href="/clusters/new" className="text-sm hover:underline">Add cluster</Link>}
          {user && <Link href="/audit" className="text-sm hover:underline">Audit</Link>}
          {user?.role === 'admin' && <Link href="/users" className="text-sm hover:underline">Users</Link>}
          {user?.role === 'admin' && <Link href="/tokens" className="text-sm hover:underline">Tokens</Link>}
          {user && canManageNotifications(user.role) && <Link href="/notifications" className="text-sm hover:underline">Notifications</Link>}
          {user && <Link href="/account" className="text-sm hover:underline">Account</Link>}
          {user && <span className="ml-auto flex items-center gap-4"><LiveIndicator /><SignOutButton name={user.name} /></span>}
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </body>
  </html>
  );
};

export default RootLayout;
