import { createRequire } from 'node:module';

// The one header list; server.ts applies it to responses Next never sees.
const securityHeaders = createRequire(import.meta.url)('./lib/http/security-headers.json');

// Packages with native parts or dynamic requires stay outside the bundle:
// ssh2 ships sshcrypto.node, libsql a platform binary (see ../shared/STACK.md).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['node-ssh', 'ssh2', '@libsql/client', 'libsql', '@prisma/adapter-libsql', '@prisma/adapter-mariadb', 'mariadb', 'mysql2'],
  poweredByHeader: false,
  reactStrictMode: true,
  // Baseline hardening (lib/http/security-headers.json); pages also get a
  // nonce-based CSP from proxy.ts.
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
};
export default nextConfig;
