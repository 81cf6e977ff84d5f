// Packages with native parts or dynamic requires stay outside the bundle:
// ssh2 ships sshcrypto.node, libsql a platform binary (see ../shared/STACK.md).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['node-ssh', 'ssh2', '@libsql/client', 'libsql', '@prisma/adapter-libsql', '@prisma/adapter-mariadb', 'mariadb', 'mysql2'],
  poweredByHeader: false,
  reactStrictMode: true,
  // Baseline hardening for every response; pages also get a nonce-based CSP
  // from proxy.ts.
  headers: async () => [
    {
      source: '/:path*',
      headers: [
        { key: 'X-Content-Type-Options', value: 'nosniff' },
        { key: 'Referrer-Policy', value: 'same-origin' },
        { key: 'X-Frame-Options', value: 'DENY' },
        { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
      ],
    },
  ],
};
export default nextConfig;
