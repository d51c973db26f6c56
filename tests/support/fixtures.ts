import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import { AppContext } from '../../electron/services/app/context';
import { initDataDir } from '../../electron/services/app/service';
import { dataPaths } from '../../electron/db/paths';

export const PASSPHRASE = 'correct horse battery';

/** A real, initialised, encrypted data directory. */
export function initialisedDir(dir: string, countyName = '江岸区'): void {
  const ctx = new AppContext({ dataDir: dir, version: 'test' });
  try {
    initDataDir(ctx, { countyCode: '420102', countyName, passphrase: PASSPHRASE });
  } finally {
    ctx.close();
  }
}

export function newApp(dir: string) {
  const app = new AppContext({ dataDir: dir, version: 'test' });
  const dispatch = createDispatcher(app, handlers, { logError: () => undefined });
  return { app, dispatch, paths: dataPaths(dir) };
}
