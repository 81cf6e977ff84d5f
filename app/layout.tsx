import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveIndicator } from '@/components/realtime/LiveIndicator';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tandem',
  description: 'Control plane for MySQL/MariaDB dual-master pairs behind a keepalived VIP',
};

const RootLayout = ({ children }: { children: ReactNode }) => (
  <html lang="en">
    <body className="min-h-screen font-sans antialiased">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">Tandem</Link>
          <Link href="/" className="text-sm hover:underline">Clusters</Link>
          <Link href="/clusters/new" className="text-sm hover:underline">Add cluster</Link>
          <span className="ml-auto"><LiveIndicator /></span>
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </body>
  </html>
);

export default RootLayout;
