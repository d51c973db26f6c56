import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

function fakeClock(start = Date.parse('2026-11-28T09:00:00+08:00')) {
  let now = start;
  return { now: () => new Date(now), advanceMinutes: (m: number) => (now += m * 60_000) };
}

type Ring = { slots: Array<{ username: string | null; privateKey: { ct: string } }>; lockout?: unknown };
const readRing = (t: TestApp) => JSON.parse(readFileSync(t.paths.keyFile, 'utf8')) as Ring;
const writeRing = (t: TestApp, ring: unknown) => writeFileSync(t.paths.keyFile, JSON.stringify(ring));

async function tryLogin(t: TestApp, username: string, password: string): Promise<string> {
  const r = await invoke(t, `c-${username}`, 'session.login', { username, password });
  if (r.ok) await invoke(t, `c-${username}`, 'session.logout', {});
  return r.ok ? 'ok' : r.error.code;
}

function actionsOf(t: TestApp, username: string): Array<{ action: string; after: Record<string, unknown> | null }> {
  const rows = t.app
    .currentStore()
    ?.raw.prepare('SELECT action, entity_id, after_json FROM audit_log WHERE entity_id IN (?, ?) ORDER BY seq')
    .all(username, '#all') as Array<{ action: string; after_json: string | null }>;
  return rows.map((r) => ({ action: r.action, after: r.after_json ? JSON.parse(r.after_json) : null }));
}

describe('lockout evidence a file edit cannot erase', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  async function lockLi(t: TestApp): Promise<void> {
    for (let i = 0; i < 5; i++) await tryLogin(t, 'li', 'wrong-password');
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('USER_LOCKED');
  }

  it('keeps the count in the keyring: the old plain file no longer matters, and the record rides with the slots', async () => {
    const clock = fakeClock();
    const t = newApp(tmp.dir, { clock: clock.now });
    await lockLi(t);
    // What lifted the lock before: deleting or emptying welfare.logins.json.
    writeFileSync(t.paths.logins, JSON.stringify({ users: {}, pending: [] }));
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('USER_LOCKED');
    expect(readRing(t).lockout).toBeTruthy();
    clock.advanceMinutes(16);
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('ok');
    await signIn(t, 'adm');
    const actions = actionsOf(t, 'li').map((a) => a.action);
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(5);
    expect(actions).toContain('login.lockedOut');
    t.app.close();
  });

  it('an edited record fails closed, keeps what is left of the attempts and is audited at the next sign-in', async () => {
    const clock = fakeClock();
    const t = newApp(tmp.dir, { clock: clock.now });
    await lockLi(t);
    const ring = readRing(t) as Ring & { lockout: { events: Array<{ action: string }> } };
    // Drop the lock event and two failures: the lock would be gone if the record were believed.
    ring.lockout.events = ring.lockout.events.filter((e) => e.action !== 'login.lockedOut').slice(2);
    writeRing(t, ring);
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('USER_LOCKED');
    expect(await tryLogin(t, ADMIN.username, ADMIN.password)).toBe('USER_LOCKED');
    clock.advanceMinutes(16);
    await signIn(t, 'adm');
    const audited = actionsOf(t, 'li');
    const tampered = actionsOf(t, '#all').find((a) => a.action === 'login.recordTampered');
    expect(tampered?.after?.reason).toContain('登录失败记录');
    expect(audited.filter((a) => a.action === 'login.failed' && a.after?.unverified === true).length).toBe(3);
    t.app.close();
  });

  it('an unreadable record fails closed', async () => {
    const clock = fakeClock();
    const t = newApp(tmp.dir, { clock: clock.now });
    await lockLi(t);
    writeRing(t, { ...readRing(t), lockout: 'garbage' });
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('USER_LOCKED');
    clock.advanceMinutes(16);
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('ok');
    t.app.close();
  });

  it('a record put back to an older copy, or removed, is found and audited at the next sign-in', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w', 'li', PASSWORD);
    await invoke(t, 'w', 'session.logout', {});
    const old = join(tmp.dir, 'old-ring.json');
    copyFileSync(t.paths.keyFile, old);
    await tryLogin(t, 'li', 'wrong-password');
    expect(await tryLogin(t, 'li', PASSWORD)).toBe('ok');
    copyFileSync(old, t.paths.keyFile);
    await signIn(t, 'adm');
    const reasons = actionsOf(t, '#all')
      .filter((a) => a.action === 'login.recordTampered')
      .map((a) => a.after?.reason);
    expect(reasons).toEqual([expect.stringContaining('旧版本')]);
    await invoke(t, 'adm', 'session.logout', {});
    const ring = readRing(t);
    delete ring.lockout;
    writeRing(t, ring);
    await signIn(t, 'adm');
    const again = actionsOf(t, '#all').filter((a) => a.action === 'login.recordTampered');
    expect(again.at(-1)?.after?.reason).toContain('删除');
    t.app.close();
  });

  it('a damaged key slot is reported as damaged, not as a wrong password, and does not count toward the lock', async () => {
    const t = newApp(tmp.dir);
    const ring = readRing(t);
    const slot = ring.slots.find((s) => s.username === 'li');
    if (!slot) throw new Error('li has a slot');
    const ct = Buffer.from(slot.privateKey.ct, 'base64');
    ct[3] = (ct[3] ?? 0) ^ 0x55;
    slot.privateKey.ct = ct.toString('base64');
    writeRing(t, ring);
    for (let i = 0; i < 6; i++) expect(await tryLogin(t, 'li', PASSWORD)).toBe('KEY_SLOT_DAMAGED');
    const r = await invoke(t, 'x', 'session.login', { username: 'li', password: PASSWORD });
    expect(!r.ok && r.error.message).toContain('不是密码错误');
    await signIn(t, 'adm');
    expect(actionsOf(t, 'li').filter((a) => a.action === 'login.failed')).toEqual([]);
    t.app.close();
  });
});
