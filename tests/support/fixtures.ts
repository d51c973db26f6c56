import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import { AppContext, type DialogPort } from '../../electron/services/app/context';
import type { PrintEngine } from '../../electron/services/print/engine';
import { initDataDir } from '../../electron/services/auth/service';
import { addUser } from '../../electron/services/users/service';
import { dataPaths } from '../../electron/db/paths';
import type { ChannelName, Input, Output, Result, Role } from '../../shared/contract';

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-password-1' } as const;
export const PASSWORD = 'user-password-1';

export interface InitOptions {
  countyName?: string;
  /** Extra users, all with PASSWORD. */
  users?: Array<{ username: string; displayName: string; roles: Role[] }>;
}

/** A real, initialised, encrypted data directory; returns the recovery code shown at setup. */
export function initialisedDir(dir: string, opts: InitOptions = {}): { recoveryCode: string } {
  const ctx = new AppContext({ dataDir: dir, version: 'test' });
  try {
    const recoveryCode = initDataDir(ctx, {
      countyCode: '420102',
      countyName: opts.countyName ?? '江岸区',
      officeName: `${opts.countyName ?? '江岸区'}民政局`,
      admin: { ...ADMIN },
    });
    for (const u of opts.users ?? [])
      addUser(ctx, { username: ADMIN.username, channel: 'user.add' }, { ...u, password: PASSWORD });
    return { recoveryCode };
  } finally {
    ctx.close();
  }
}

export interface TestApp {
  app: AppContext;
  dispatch: ReturnType<typeof createDispatcher>;
  paths: ReturnType<typeof dataPaths>;
}

export function newApp(
  dir: string,
  opts: { clock?: () => Date; dialogs?: DialogPort; printing?: PrintEngine } = {},
): TestApp {
  const app = new AppContext({ dataDir: dir, version: 'test', ...opts });
  const dispatch = createDispatcher(app, handlers, { logError: (c, e) => console.error(c, e) });
  return { app, dispatch, paths: dataPaths(dir) };
}

/** Signs `callerKey` in and fails the test loudly if that does not work. */
export async function signIn(
  t: TestApp,
  callerKey: string,
  username: string = ADMIN.username,
  password: string = ADMIN.password,
): Promise<void> {
  const r = await t.dispatch({ key: callerKey }, 'session.login', { username, password });
  if (!r.ok) throw new Error(`sign-in of ${username} failed: ${r.error.code} ${r.error.message}`);
}

/** A typed call through the dispatcher, as the renderer's `invoke` would make it. */
export async function invoke<C extends ChannelName>(
  t: TestApp,
  callerKey: string,
  channel: C,
  input: Input<C>,
): Promise<Result<Output<C>>> {
  return (await t.dispatch({ key: callerKey }, channel, input)) as Result<Output<C>>;
}
