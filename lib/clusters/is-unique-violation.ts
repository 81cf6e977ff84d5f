// Prisma reports unique-constraint violations as P2002 on every provider.
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === 'P2002';
