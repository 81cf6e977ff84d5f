// Roles and what they may do — the one place permissions are decided; route
// handlers, server actions and Socket.IO joins ask these predicates.
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type TRole = (typeof ROLES)[number];
export const isRole = (s: string): s is TRole => (ROLES as readonly string[]).includes(s);

const RANK: Record<TRole, number> = { viewer: 0, operator: 1, admin: 2 };
const atLeast = (role: TRole, min: TRole) => RANK[role] >= RANK[min];

// viewer: read everything but secrets.
export const canRead = (role: TRole): boolean => atLeast(role, 'viewer');
// operator: also run actions (failover, drills, repairs).
export const canRunActions = (role: TRole): boolean => atLeast(role, 'operator');
// admin: also manage the inventory, users and tokens.
export const canManageInventory = (role: TRole): boolean => atLeast(role, 'admin');
export const canManageUsers = (role: TRole): boolean => atLeast(role, 'admin');
// admin: notification channels hold credentials and decide who is woken up.
export const canManageNotifications = (role: TRole): boolean => atLeast(role, 'admin');
