import { AppError } from '../../errors';
import type { HandlerMap } from '../../ipc/types';
import type { AppContext } from './context';

function describe(app: AppContext, path = app.paths.dir) {
  return {
    path,
    isDefault: app.location?.isDefault(path) ?? false,
    canChoose: app.location !== null && !app.isInitialized(),
  };
}

export const locationHandlers = {
  'app.dataLocation': (_input, cx) => describe(cx.app),
  'app.chooseDataLocation': async (_input, cx) => {
    if (!cx.app.location) throw new AppError('FORBIDDEN', '浏览器预览和命令行的数据目录由 --data 指定');
    if (cx.app.isInitialized()) throw new AppError('ALREADY_INITIALIZED', '数据库已经建立，不能在此更换数据目录');
    const chosen = await cx.app.location.choose();
    if (!chosen) throw new AppError('CANCELLED');
    // The services restart on the new folder once this answer is delivered.
    return { ...describe(cx.app, chosen), canChoose: true };
  },
} satisfies HandlerMap<'app.dataLocation' | 'app.chooseDataLocation'>;
