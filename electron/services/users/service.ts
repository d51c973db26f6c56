import type { Role, UserRow } from '../../../shared/contract';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import { createSlot, readKeyring, slotId } from '../../db/keyring';
import type { AppContext } from '../app/context';
import { saveKeyring, withSlot } from '../auth/keys';
import { findUser, listUserRecords, otherActiveAdmins, parseRoles, toUserRow } from './queries';

function storeAndKey(ctx: AppContext) {
  const store = ctx.currentStore();
  const key = ctx.currentKey();
  if (!store || !key) throw new AppError('NOT_SIGNED_IN');
  return { store, key };
}

export function listUsers(ctx: AppContext): UserRow[] {
  return listUserRecords(storeAndKey(ctx).store).map(toUserRow);
}

export function addUser(
  ctx: AppContext,
  actor: Actor,
  input: { username: string; displayName: string; roles: Role[]; password: string },
): UserRow {
  const { store, key } = storeAndKey(ctx);
  if (findUser(store, input.username)) throw new AppError('USERNAME_TAKEN', `用户名「${input.username}」已存在`);
  const slot = createSlot('user', input.username, input.password, key);
  return store.write(actor, (w) => {
    const now = ctx.clock().toISOString();
    const roles = [...new Set(input.roles)];
    w.run(
      w.kysely.insertInto('users').values({
        username: input.username,
        display_name: input.displayName,
        roles: JSON.stringify(roles),
        created_at: now,
        created_by: actor.username,
        password_changed_at: now,
        disabled_at: null,
      }),
    );
    w.audit({
      action: 'user.add',
      entity: 'user',
      entityId: input.username,
      after: { displayName: input.displayName, roles },
    });
    saveKeyring(ctx, withSlot(readKeyring(ctx.paths.keyFile), slot));
    const created = findUser(w, input.username);
    if (!created) throw new AppError('INTERNAL');
    return toUserRow(created);
  });
}

export function updateUser(
  ctx: AppContext,
  actor: Actor,
  input: { username: string; displayName: string; roles: Role[] },
): UserRow {
  const { store } = storeAndKey(ctx);
  const row = store.write(actor, (w) => {
    const user = findUser(w, input.username);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const roles = [...new Set(input.roles)];
    if (
      parseRoles(user.roles).includes('admin') &&
      !roles.includes('admin') &&
      otherActiveAdmins(w, user.username) === 0
    )
      throw new AppError('LAST_ADMIN');
    w.run(
      w.kysely
        .updateTable('users')
        .set({ display_name: input.displayName, roles: JSON.stringify(roles) })
        .where('id', '=', user.id),
    );
    w.audit({
      action: 'user.update',
      entity: 'user',
      entityId: user.username,
      before: { displayName: user.display_name, roles: parseRoles(user.roles) },
      after: { displayName: input.displayName, roles },
    });
    const updated = findUser(w, input.username);
    if (!updated) throw new AppError('INTERNAL');
    return toUserRow(updated);
  });
  // Open sessions work with the new roles from their next call on.
  for (const s of ctx.allSessions()) {
    if (s.user.username === row.username)
      s.user = { username: row.username, displayName: row.displayName, roles: row.roles };
  }
  return row;
}

/** Disabling removes the user's key slot: the password no longer opens anything. */
export function disableUser(ctx: AppContext, actor: Actor, username: string): UserRow {
  const { store } = storeAndKey(ctx);
  const row = store.write(actor, (w) => {
    const user = findUser(w, username);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.disabled_at !== null) return toUserRow(user);
    if (parseRoles(user.roles).includes('admin') && otherActiveAdmins(w, username) === 0)
      throw new AppError('LAST_ADMIN');
    w.run(w.kysely.updateTable('users').set({ disabled_at: ctx.clock().toISOString() }).where('id', '=', user.id));
    w.audit({
      action: 'user.disable',
      entity: 'user',
      entityId: username,
      before: { disabled: false },
      after: { disabled: true },
    });
    saveKeyring(ctx, withSlot(readKeyring(ctx.paths.keyFile), null, slotId('user', username)));
    const updated = findUser(w, username);
    if (!updated) throw new AppError('INTERNAL');
    return toUserRow(updated);
  });
  for (const s of ctx.allSessions()) {
    if (s.user.username === username) ctx.closeSession(s.callerKey);
  }
  return row;
}

export function resetPassword(ctx: AppContext, actor: Actor, username: string, newPassword: string): void {
  const { store, key } = storeAndKey(ctx);
  const user = findUser(store, username);
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (user.disabled_at !== null) throw new AppError('USER_DISABLED');
  const slot = createSlot('user', username, newPassword, key);
  store.write(actor, (w) => {
    w.run(
      w.kysely.updateTable('users').set({ password_changed_at: ctx.clock().toISOString() }).where('id', '=', user.id),
    );
    w.audit({ action: 'user.resetPassword', entity: 'user', entityId: username });
    saveKeyring(ctx, withSlot(readKeyring(ctx.paths.keyFile), slot));
  });
}
