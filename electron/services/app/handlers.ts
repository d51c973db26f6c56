import type { HandlerMap } from '../../ipc/types';
import { appInfo, initDataDir, lock, unlock } from './service';

export const appHandlers = {
  'app.info': (_input, cx) => appInfo(cx.app, cx.caller),
  'app.init': (input, cx) => {
    initDataDir(cx.app, input);
    return unlock(cx.app, cx.caller, input.passphrase);
  },
  'session.unlock': (input, cx) => unlock(cx.app, cx.caller, input.passphrase),
  'session.lock': (_input, cx) => {
    lock(cx.app, cx.caller);
    return null;
  },
} satisfies HandlerMap<'app.info' | 'app.init' | 'session.unlock' | 'session.lock'>;
