import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

// Request bodies of the account routes. Lengths are bounded here; the rules
// (name shape, minimum password length) stay in the operations.
const ZPassword = z.string().min(1).max(1024);

export const ZUserCreateSchema = z.strictObject({ name: z.string().min(1).max(63), role: z.enum(ROLES), password: ZPassword });
export const ZUserPatchSchema = z
  .strictObject({ disabled: z.boolean().optional(), role: z.enum(ROLES).optional() })
  // One change per request: each is its own audited operation with its own
  // refusal (the last admin), and two in one request could half-apply.
  .refine((p) => (p.disabled !== undefined) !== (p.role !== undefined), { message: 'send either disabled or role' });
export const ZPasswordResetSchema = z.strictObject({ password: ZPassword });
export const ZPasswordChangeSchema = z.strictObject({ currentPassword: ZPassword, newPassword: ZPassword });

export type TUserCreate = z.infer<typeof ZUserCreateSchema>;
export type TUserPatch = z.infer<typeof ZUserPatchSchema>;

// What the account routes answer.
export const ZPublicUserSchema = z.object({ name: z.string(), role: z.enum(ROLES), createdAt: z.string() });
export const ZUserRowSchema = ZPublicUserSchema.extend({ disabledAt: z.string().nullable(), activeSessions: z.number() });
export const ZUserListSchema = z.object({ users: z.array(ZUserRowSchema) });
export const ZUserEnvelopeSchema = z.object({ user: ZPublicUserSchema });
export const ZSessionsEndedSchema = z.object({ ended: z.number() });
