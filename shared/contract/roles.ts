import { z } from 'zod';

export const roles = ['clerk', 'reviewer', 'head', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  clerk: '经办人',
  reviewer: '审核人',
  head: '负责人',
  admin: '管理员',
};

/**
 * Who may call a channel. `public` channels work before signing in (they can only
 * describe or open the data directory); `signedIn` and `roles` need an active,
 * unlocked session.
 */
export type Access =
  | { readonly kind: 'public' }
  /** Needs a session, even one locked by the idle timer (unlock, sign out). */
  | { readonly kind: 'session' }
  | { readonly kind: 'signedIn' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const access = {
  public: { kind: 'public' },
  session: { kind: 'session' },
  signedIn: { kind: 'signedIn' },
  roles: (...allowed: Role[]): Access => ({ kind: 'roles', roles: allowed }),
} as const satisfies Record<string, Access | ((...r: Role[]) => Access)>;
