import dayjs from 'dayjs';
import { AppError } from '../../errors';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { chooseTarget, saveUserFile } from '../files/save';
import { logText, readRecent } from './logger';

export const logHandlers = {
  'log.recent': (input, cx) => (cx.app.logDir ? readRecent(cx.app.logDir, input.limit) : []),
  'log.save': async (_input, cx) => {
    const store = requireStore(cx);
    if (!cx.app.logDir) throw new AppError('INVALID_INPUT', '本机没有运行日志');
    const text = logText(cx.app.logDir);
    const target = await chooseTarget(
      cx.app,
      '导出运行日志',
      `运行日志-${dayjs(cx.app.clock()).format('YYYYMMDD-HHmm')}.log`,
      'log',
    );
    const file = await saveUserFile(cx.app, target, text);
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'log.save',
        entity: 'export',
        entityId: file.fileName,
        after: { bytes: file.bytes, sha256: file.sha256 },
      }),
    );
    return { fileName: file.fileName, bytes: file.bytes };
  },
} satisfies HandlerMap<'log.recent' | 'log.save'>;
