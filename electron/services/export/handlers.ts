import { basename } from 'node:path';
import dayjs from 'dayjs';
import { AppError } from '../../errors';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { writeCsv, writeXlsx } from './table';

export const exportHandlers = {
  'export.table': async (input, cx) => {
    const store = requireStore(cx);
    const suggested = `${input.title.replace(/[\\/:*?"<>|]/g, '_')}-${dayjs(cx.app.clock()).format('YYYYMMDD-HHmm')}.${input.format}`;
    const path = await cx.app.dialogs?.chooseSaveFile('导出表格', suggested, input.format);
    if (!path) throw new AppError('CANCELLED');
    if (input.format === 'csv') writeCsv(path, input.columns, input.rows);
    else await writeXlsx(path, input.title, input.columns, input.rows);
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'export.table',
        entity: 'export',
        entityId: input.title,
        after: { file: basename(path), rows: input.rows.length, format: input.format },
      }),
    );
    return { fileName: basename(path), rows: input.rows.length };
  },
} satisfies HandlerMap<'export.table'>;
