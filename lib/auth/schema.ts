import { z } from 'zod';

// POST /api/auth/signin: what it takes and what it answers (the session
// itself travels in the cookie, never in the body).
export const ZSignInSchema = z.strictObject({ name: z.string().min(1).max(63), password: z.string().min(1).max(1024) });
export type TSignIn = z.infer<typeof ZSignInSchema>;

export const ZSignedInSchema = z.object({ user: z.object({ name: z.string(), role: z.string() }) });
