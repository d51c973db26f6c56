import { roleSchema, type Role, type SessionUser, type UserRow } from '../../../shared/contract';
import type { ReadableStore } from '../../db/store';
import type { UsersTable } from '../../db/schema';
import type { Selectable } from 'kysely';

export type UserRecord = Selectable<UsersTable>;

export function parseRoles(json: string): Role[] {
  const parsed = roleSchema.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function findUser(store: ReadableStore, username: string): UserRecord | undefined {
  return store.first(store.kysely.selectFrom('users').selectAll().where('username', '=', username));
}

export function toSessionUser(u: UserRecord): SessionUser {
  return { username: u.username, displayName: u.display_name, roles: parseRoles(u.roles) };
}

export function toUserRow(u: UserRecord): UserRow {
  return {
    username: u.username,
    displayName: u.display_name,
    roles: parseRoles(u.roles),
    disabled: u.disabled_at !== null,
    createdAt: u.created_at,
    passwordChangedAt: u.password_changed_at,
  };
}

export function listUserRecords(store: ReadableStore): UserRecord[] {
  return store.all(store.kysely.selectFrom('users').selectAll().orderBy('id'));
}

/** Enabled administrators other than `except`: the last one may not be disabled or demoted. */
export function otherActiveAdmins(store: ReadableStore, except: string): number {
  return listUserRecords(store).filter(
    (u) => u.username !== except && u.disabled_at === null && parseRoles(u.roles).includes('admin'),
  ).length;
}
