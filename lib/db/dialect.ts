export type TDialect = 'sqlite' | 'mysql';

export const dialectOf = (url: string): TDialect => (url.startsWith('file:') ? 'sqlite' : 'mysql');

// The mariadb driver behind Prisma's adapter only knows mariadb:// URLs.
export const toMariadbUrl = (url: string): string => url.replace(/^mysql:\/\//, 'mariadb://');
