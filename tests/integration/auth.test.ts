import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/** A clock the test moves by hand, for lockouts and the idle lock. */
function fakeClock(start = Date.parse('2026-11-28T09:00:00+08:00')) {
  let now = start;
  return { now: () => new Date(now), advanceMinutes: (m: number) => (now += m * 60_000) };
}

async function auditActions(t: TestApp, username: string): Promise<string[]> {
  await signIn(t, 'auditor');
  const r = await invoke(t, 'auditor', 'audit.list', { username });
  await invoke(t, 'auditor', 'session.logout', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.rows.map((row) => row.action).reverse();
}

describe('sign-in, lockout, idle lock and sign-out', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  it('refuses a wrong password with WRONG_PASSWORD and audits it, and an unknown user the same way', async () => {
    const t = newApp(tmp.dir);
    expect(await invoke(t, 'w', 'session.login', { username: 'li', password: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(await invoke(t, 'w', 'session.login', { username: 'ghost', password: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: '用户名或密码不正确' },
    });
    await signIn(t, 'w', 'li', PASSWORD);
    expect(await auditActions(t, 'li')).toEqual(['login.failed', 'login.succeeded']);
    expect(await auditActions(t, 'ghost')).toEqual(['login.failed']);
    t.app.close();
  });

  it('locks a user for 15 minutes after five failures, then 30 minutes after the next five', async () => {
    const clock = fakeClock();
    const t = newApp(tmp.dir, { clock: clock.now });
    const attempt = (password: string) => invoke(t, 'w', 'session.login', { username: 'li', password });
    for (let i = 0; i < 4; i++) expect((await attempt('bad-password')).ok).toBe(false);
    expect(await attempt('bad-password')).toMatchObject({
      ok: false,
      error: { code: 'USER_LOCKED', message: '连续 5 次输入错误，该用户已锁定 15 分钟' },
    });
    // Even the right password is refused while locked.
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, error: { code: 'USER_LOCKED' } });
    clock.advanceMinutes(14);
    expect(await attempt(PASSWORD)).toMatchObject({
      ok: false,
      error: { code: 'USER_LOCKED', message: '该用户因多次密码错误已被锁定，请 1 分钟后再试' },
    });
    clock.advanceMinutes(2);
    for (let i = 0; i < 4; i++) expect((await attempt('bad-password')).ok).toBe(false);
    expect(await attempt('bad-password')).toMatchObject({
      ok: false,
      error: { code: 'USER_LOCKED', message: '连续 5 次输入错误，该用户已锁定 30 分钟' },
    });
    clock.advanceMinutes(31);
    expect((await attempt(PASSWORD)).ok).toBe(true);
    // Another user is not affected by li's lock.
    expect((await invoke(t, 'a', 'session.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(
      true,
    );
    const actions = await auditActions(t, 'li');
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(10);
    expect(actions.filter((a) => a === 'login.lockedOut')).toHaveLength(2);
    expect(actions.filter((a) => a === 'login.refusedLocked')).toHaveLength(2);
    expect(actions.at(-1)).toBe('login.succeeded');
    t.app.close();
  });

  it('locks an idle session after the configured minutes and unlocks it with the same password', async () => {
    const clock = fakeClock();
    const t = newApp(tmp.dir, { clock: clock.now });
    await signIn(t, 'w');
    expect((await invoke(t, 'w', 'settings.update', { idleLockMinutes: 10 })).ok).toBe(true);
    clock.advanceMinutes(9);
    expect((await invoke(t, 'w', 'user.list', {})).ok).toBe(true);
    clock.advanceMinutes(11);
    expect(await invoke(t, 'w', 'user.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    const info = await invoke(t, 'w', 'app.info', {});
    expect(info.ok && info.value.session).toMatchObject({ locked: true, user: { username: ADMIN.username } });
    expect(await invoke(t, 'w', 'session.unlock', { password: 'wrong-one' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect((await invoke(t, 'w', 'session.unlock', { password: ADMIN.password })).ok).toBe(true);
    expect((await invoke(t, 'w', 'user.list', {})).ok).toBe(true);
    const actions = await auditActions(t, ADMIN.username);
    expect(actions).toContain('session.locked');
    expect(actions).toContain('session.unlocked');
    t.app.close();
  });

  it('signs out: the session ends and the database closes with the last session', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    expect(t.app.currentStore()).not.toBeNull();
    expect((await invoke(t, 'w', 'session.logout', {})).ok).toBe(true);
    expect(await invoke(t, 'w', 'user.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(t.app.currentStore()).toBeNull();
    expect(t.app.currentKey()).toBeNull();
  });

  it('a disabled user loses the key slot; the last administrator cannot be disabled or demoted', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'clerk', 'li', PASSWORD);
    await signIn(t, 'w');
    expect((await invoke(t, 'w', 'user.disable', { username: 'li' })).ok).toBe(true);
    // Their open session ends at once.
    expect(await invoke(t, 'clerk', 'audit.head', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await invoke(t, 'x', 'session.login', { username: 'li', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(await invoke(t, 'w', 'user.disable', { username: ADMIN.username })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
    expect(
      await invoke(t, 'w', 'user.update', { username: ADMIN.username, displayName: '王管理', roles: ['head'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
    t.app.close();
  });

  it('changing a password replaces only that user’s slot', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'c', 'li', PASSWORD);
    const { readKeyring } = await import('../../electron/db/keyring');
    const before = readKeyring(t.paths.keyFile).slots;
    expect(
      (await invoke(t, 'c', 'session.changePassword', { oldPassword: PASSWORD, newPassword: 'another-pass-2' })).ok,
    ).toBe(true);
    const after = readKeyring(t.paths.keyFile).slots;
    const byId = (slots: typeof before) => Object.fromEntries(slots.map((s) => [s.id, JSON.stringify(s)]));
    expect(byId(after)['user:li']).not.toBe(byId(before)['user:li']);
    expect(byId(after)['user:admin']).toBe(byId(before)['user:admin']);
    expect(byId(after).recovery).toBe(byId(before).recovery);
    await invoke(t, 'c', 'session.logout', {});
    expect(await invoke(t, 'c', 'session.login', { username: 'li', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect((await invoke(t, 'c', 'session.login', { username: 'li', password: 'another-pass-2' })).ok).toBe(true);
    t.app.close();
  });

  it('gives an open session the roles an administrator sets, from its next call', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'clerk', 'li', PASSWORD);
    await signIn(t, 'w');
    expect(await invoke(t, 'clerk', 'user.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      (await invoke(t, 'w', 'user.update', { username: 'li', displayName: '李经办', roles: ['clerk', 'admin'] })).ok,
    ).toBe(true);
    expect((await invoke(t, 'clerk', 'user.list', {})).ok).toBe(true);
    t.app.close();
  });
});
