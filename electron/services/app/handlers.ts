import type { HandlerMap } from '../../ipc/types';
import { requireSession } from '../../ipc/types';
import {
  appInfo,
  changePassword,
  initDataDir,
  lockSession,
  login,
  logout,
  recover,
  unlockSession,
} from '../auth/service';
import { toSessionUser, findUser } from '../users/queries';
import { AppError } from '../../errors';
import { assertLocalFolder } from './location';
import { createLevelKeys } from '../package/keys';

export const appHandlers = {
  'app.info': (_input, cx) => appInfo(cx.app, cx.caller),
  'app.init': async (input, cx) => {
    assertLocalFolder(cx.app.paths.dir);
    const recoveryCode = initDataDir(cx.app, input);
    const store = cx.app.currentStore();
    const admin = store ? findUser(store, input.admin.username) : undefined;
    if (!store || !admin) throw new AppError('INTERNAL');
    await createLevelKeys(store, { username: admin.username, channel: 'app.init' });
    cx.app.openSession(cx.caller.key, toSessionUser(admin));
    return { info: appInfo(cx.app, cx.caller), recoveryCode };
  },
  'session.login': (input, cx) => {
    assertLocalFolder(cx.app.paths.dir);
    return login(cx.app, cx.caller, input.username, input.password);
  },
  'session.recover': (input, cx) => recover(cx.app, cx.caller, input.recoveryCode, input.username, input.newPassword),
  'session.lock': (input, cx) => {
    lockSession(cx.app, requireSession(cx), input.reason);
    return null;
  },
  'session.unlock': (input, cx) => unlockSession(cx.app, cx.caller, requireSession(cx), input.password),
  'session.logout': (_input, cx) => {
    logout(cx.app, requireSession(cx));
    return null;
  },
  'session.changePassword': (input, cx) => {
    changePassword(cx.app, requireSession(cx), input.oldPassword, input.newPassword);
    return null;
  },
} satisfies HandlerMap<
  | 'app.info'
  | 'app.init'
  | 'session.login'
  | 'session.recover'
  | 'session.lock'
  | 'session.unlock'
  | 'session.logout'
  | 'session.changePassword'
>;
