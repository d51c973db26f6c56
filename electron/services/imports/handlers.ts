import dayjs from 'dayjs';
import type { ParsedInput } from '../../../shared/contract';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { AppError } from '../../errors';
import { readSettings } from '../settings/service';
import { readMapping, saveMapping } from './mapping';
import { commitImport, previewImport, PREVIEW_ROWS_SHOWN, trimmed, type ImportRequest } from './register-import';
import { reportXlsx } from './report-xlsx';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';

/** The file's bytes: sent whole (CLI, tests) or, from the wizard, an upload this session finished. */
function contentOf(input: ParsedInput<'import.preview'>, cx: CallContext): Buffer {
  if (input.uploadId !== undefined) return cx.app.uploads.resolve(requireSession(cx), input.uploadId).content;
  if (input.contentBase64 !== undefined) return Buffer.from(input.contentBase64, 'base64');
  throw new AppError('INVALID_INPUT', '上传编号：请提供文件');
}

function request(input: ParsedInput<'import.preview'>, cx: CallContext): ImportRequest {
  return {
    fileName: input.fileName,
    content: contentOf(input, cx),
    program: input.program,
    mapping: input.mapping,
    mode: input.mode,
    headerRow: input.headerRow,
  };
}

/** The configured size limit (系统设置), read per call so a change applies at once. */
export function importLimits(cx: CallContext): { maxBytes: number } {
  return { maxBytes: readSettings(requireStore(cx)).importMaxMegabytes * 1024 * 1024 };
}

export const importHandlers = {
  'import.preview': async (input, cx) =>
    trimmed(
      await previewImport(requireStore(cx), request(input, cx), cx.app.today(), importLimits(cx)),
      PREVIEW_ROWS_SHOWN,
    ),
  'import.commit': (input, cx) =>
    commitImport(
      requireStore(cx),
      actorOf(cx),
      request(input, cx),
      { updates: input.updates, skipRows: input.skipRows, confirmRows: input.confirmRows },
      cx.app.clock().toISOString(),
      cx.app.today(),
      importLimits(cx),
      cx.job,
    ),
  'import.exportReport': async (input, cx) => {
    const store = requireStore(cx);
    const report = await previewImport(store, request(input, cx), cx.app.today(), importLimits(cx));
    const stem = safeFileName(input.fileName.replace(/\.[^.]+$/, ''));
    const target = await chooseTarget(
      cx.app,
      '保存校验报告',
      `${stem}-校验报告-${dayjs(cx.app.clock()).format('YYYYMMDD-HHmm')}.xlsx`,
      'xlsx',
    );
    const { content, lines: rows } = await reportXlsx(report);
    const file = await saveUserFile(cx.app, target, content);
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'import.exportReport',
        entity: 'export',
        entityId: input.fileName,
        after: { file: file.fileName, rows, sha256: report.sha256, reportSha256: file.sha256 },
      }),
    );
    return { fileName: file.fileName, rows };
  },
  'import.mapping': (_input, cx) => ({ mapping: readMapping(requireStore(cx)) }),
  'import.saveMapping': (input, cx) => ({ mapping: saveMapping(requireStore(cx), actorOf(cx), input.mapping) }),
} satisfies HandlerMap<
  'import.preview' | 'import.commit' | 'import.exportReport' | 'import.mapping' | 'import.saveMapping'
>;
