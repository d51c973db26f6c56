import dayjs from 'dayjs';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import { csvTable, xlsxTable } from './table';

export const exportHandlers = {
  'export.table': async (input, cx) => {
    const store = requireStore(cx);
    const suggested = `${safeFileName(input.title)}-${dayjs(cx.app.clock()).format('YYYYMMDD-HHmm')}.${input.format}`;
    const target = await chooseTarget(cx.app, '导出表格', suggested, input.format);
    const content =
      input.format === 'csv'
        ? csvTable(input.columns, input.rows)
        : await xlsxTable(input.title, input.columns, input.rows);
    const file = await saveUserFile(cx.app, target, content);
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'export.table',
        entity: 'export',
        entityId: input.title,
        after: { file: file.fileName, rows: input.rows.length, format: input.format, sha256: file.sha256 },
      }),
    );
    return { fileName: file.fileName, rows: input.rows.length };
  },
} satisfies HandlerMap<'export.table'>;
