export type TMysqlRow = Record<string, string | null>;

// The client prints SQL NULL as the bare word NULL in every output mode, so a
// column whose text really is "NULL" cannot be told apart; we read it as NULL.
export const cellValue = (raw: string): string | null => (raw === 'NULL' ? null : raw);
