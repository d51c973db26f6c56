import dayjs from 'dayjs';
import { basename } from 'node:path';
import type { ParsedInput } from '../../../shared/contract';
import { AppError } from '../../errors';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { readSettings } from '../settings/service';
import { readMapping, saveMapping } from './mapping';
import { commitImport, previewImport, type ImportRequest } from './register-import';
import { writeReportXlsx } from './report-xlsx';

function request(input: ParsedInput<'import.preview'>): ImportRequest {
  return {
    fileName: input.fileName,
    content: Buffer.from(input.contentBase64, 'base64'),
    program: input.program,
    mapping: input.mapping,
  };
}

/** The configured size limit (系统设置), read per call so a change applies at once. */
export function importLimits(cx: CallContext): { maxBytes: number } {
  return { maxBytes: readSettings(requireStore(cx)).importMaxMegabytes * 1024 * 1024 };
}

export const importHandlers = {
  'import.preview': (input, cx) => previewImport(requireStore(cx), request(input), cx.app.today(), importLimits(cx)),
  'import.commit': (input, cx) =>
    commitImport(
      requireStore(cx),
      actorOf(cx),
      request(input),
      { updates: input.updates, skipRows: input.skipRows },
      cx.app.clock().toISOString(),
      cx.app.today(),
      importLimits(cx),
    ),
  'import.exportReport': async (input, cx) => {
    const store = requireStore(cx);
    const report = await previewImport(store, request(input), cx.app.today(), importLimits(cx));
    const stem = input.fileName.replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|]/g, '_');
    const path = await cx.app.dialogs?.chooseSaveFile(
      '保存校验报告',
      `${stem}-校验报告-${dayjs(cx.app.clock()).format('YYYYMMDD-HHmm')}.xlsx`,
      'xlsx',
    );
    if (!path) throw new AppError('CANCELLED');
    const rows = await writeReportXlsx(path, report);
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'import.exportReport',
        entity: 'export',
        entityId: input.fileName,
        after: { file: basename(path), rows, sha256: report.sha256 },
      }),
    );
    return { fileName: basename(path), rows };
  },
  'import.mapping': (_input, cx) => ({ mapping: readMapping(requireStore(cx)) }),
  'import.saveMapping': (input, cx) => ({ mapping: saveMapping(requireStore(cx), actorOf(cx), input.mapping) }),
} satisfies HandlerMap<
  'import.preview' | 'import.commit' | 'import.exportReport' | 'import.mapping' | 'import.saveMapping'
>;
