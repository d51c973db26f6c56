import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../shared/contract';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import type { Handlers } from '../../electron/ipc/types';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';

describe('dispatcher', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  it('refuses an unknown channel, including prototype names', async () => {
    const { app, dispatch } = newApp(tmp.dir);
    for (const name of ['nope.verb', '__proto__', 'constructor', 'toString', 42, null, undefined]) {
      expect(await dispatch({ key: 'w' }, name, {})).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: '不支持的操作' },
      });
    }
    app.close();
  });

  it('requires a session before any non-public channel', async () => {
    const { app, dispatch } = newApp(tmp.dir);
    const r = await dispatch({ key: 'w' }, 'system.status', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录' } });
    app.close();
  });

  it('keeps sessions per caller: one window unlocking does not unlock another', async () => {
    const t = newApp(tmp.dir);
    const { app, dispatch } = t;
    await signIn(t, 'a');
    expect((await dispatch({ key: 'a' }, 'system.status', {})).ok).toBe(true);
    expect(await dispatch({ key: 'b' }, 'system.status', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    app.close();
  });

  it('refuses a role the channel does not declare with FORBIDDEN, and audits the attempt', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'clerk', 'li', PASSWORD);
    expect(await t.dispatch({ key: 'clerk' }, 'system.status', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await t.dispatch({ key: 'clerk' }, 'user.add', {
        username: 'zz',
        displayName: '某',
        roles: ['admin'],
        password: 'long-enough',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await t.dispatch({ key: 'clerk' }, 'app.info', {})).ok).toBe(true);
    await signIn(t, 'admin');
    const log = await invoke(t, 'admin', 'audit.list', { username: 'li' });
    expect(log.ok).toBe(true);
    if (log.ok) {
      const denied = log.value.rows.filter((r) => r.action === 'access.denied');
      expect(denied.map((r) => r.entityId).sort()).toEqual(['system.status', 'user.add']);
    }
    t.app.close();
  });

  it('names the bad field in Chinese', async () => {
    const { app, dispatch } = newApp(tmp.dir);
    const r = await dispatch({ key: 'w' }, 'app.init', {
      countyCode: '12',
      countyName: '某县',
      officeName: '某县民政局',
      admin: { username: 'admin', displayName: '管理员', password: 'long enough' },
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '县区代码：应为 6 位数字的县级行政区划代码' },
    });
    const missing = await dispatch({ key: 'w' }, 'session.login', { username: 'admin' });
    expect(missing).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '密码：必须填写' } });
    app.close();
  });

  it('turns an unexpected exception into INTERNAL without leaking its text', async () => {
    const { app } = newApp(tmp.dir);
    const logged: unknown[] = [];
    const broken: Handlers = {
      ...handlers,
      'app.info': () => {
        throw new Error('secret path /home/x/key');
      },
    };
    const dispatch = createDispatcher(app, broken, { logError: (_c, e) => logged.push(e) });
    expect(await dispatch({ key: 'w' }, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '程序内部错误，请联系管理员' },
    });
    expect(logged).toHaveLength(1);
    app.close();
  });

  it('returns outputs that match each channel’s output schema', async () => {
    const t = newApp(tmp.dir);
    const { app, dispatch } = t;
    await signIn(t, 'w');
    const samples: Partial<Record<ChannelName, unknown>> = {
      'app.info': {},
      'system.status': {},
      'system.tables': {},
      'user.list': {},
      'audit.list': {},
      'audit.verify': {},
      'audit.head': {},
      'settings.get': {},
    };
    for (const [name, input] of Object.entries(samples)) {
      const r = await dispatch({ key: 'w' }, name, input);
      expect(r.ok).toBe(true);
      if (r.ok) expect(contract[name as ChannelName].output.safeParse(r.value).success).toBe(true);
    }
    app.close();
  });
});
