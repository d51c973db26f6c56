import { documentKindLabels, type DocumentKind } from '../../../shared/contract/documents';
import { listsShowFullIds } from '../../../shared/domain/mask';
import { AppError } from '../../errors';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { readKeyring } from '../../db/keyring';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import { signingPublicKey } from '../keys/signing';
import { renderReviewSheet } from '../print/templates/review-sheet';
import { calibrationPage } from '../print/templates/certificate';
import { renderPdf } from '../print/pdf';
import type { Store } from '../../db/store';
import { readQrFromPng, verifyCode, type KnownKey } from './code';
import { exportDocx } from './docx';
import { loadFacts, readDocumentSettings, saveDocumentSettings } from './facts';
import { pagesOf, plan, titleOf, type Planned } from './render';
import { availableDocuments, batchTargets, reviewSheet } from './select';
import { placementFor, previewItems, printDocuments, workstation } from './service';
import { verdictLabels, type VerifyResult } from '../../../shared/contract/documents';

type DocumentChannel =
  | 'document.list'
  | 'document.preview'
  | 'document.savePdf'
  | 'document.saveDocx'
  | 'document.batchPdf'
  | 'document.verify'
  | 'document.settings'
  | 'document.saveSettings'
  | 'document.calibration'
  | 'document.saveCalibration'
  | 'document.calibrationPage';

const engine = (cx: CallContext) => {
  if (!cx.app.printing) throw new AppError('PRINT_UNAVAILABLE');
  return cx.app.printing;
};
const masked = (cx: CallContext) => !listsShowFullIds(requireSession(cx).user.roles);

interface Ref {
  kind: DocumentKind;
  personId?: number;
  program: Planned['facts']['program'];
  eventId?: number;
  township?: string;
}

function planOne(cx: CallContext, store: Store, ref: Ref): Planned {
  if (!ref.personId) throw new AppError('INVALID_INPUT', '人员编号：请指定人员');
  return plan(
    store,
    ref.kind,
    loadFacts(store, { personId: ref.personId, program: ref.program }, cx.app.today()),
    ref.eventId,
  );
}

function reviewHtml(cx: CallContext, store: Store, ref: Ref) {
  if (!ref.township) throw new AppError('INVALID_INPUT', '乡镇代码：年度复核表须指定乡镇');
  const sheet = reviewSheet(store, ref.program, ref.township, cx.app.today(), masked(cx));
  return {
    html: renderReviewSheet(sheet),
    title: `${sheet.programLabel}${String(sheet.year)}年度复核表（${sheet.township}）`,
  };
}

/** The keys this copy verifies with: its own county's (others' keys arrive with the 上报 key exchange). */
export function knownKeys(cx: CallContext): KnownKey[] {
  const pub = signingPublicKey(cx.app);
  if (!pub) return [];
  return [{ countyCode: readKeyring(cx.app.paths.keyFile).profile.countyCode, publicKey: pub.raw }];
}

export function verifyInput(input: { code?: string; imageBase64?: string }, keys: KnownKey[]): VerifyResult {
  if (input.imageBase64 !== undefined) {
    const text = readQrFromPng(Buffer.from(input.imageBase64.replace(/^data:image\/png;base64,/, ''), 'base64'));
    if (!text)
      return {
        verdict: 'invalid',
        message: `${verdictLabels.invalid}：图片中没有找到二维码`,
        code: '',
        fields: null,
        signer: null,
      };
    return verifyCode(text, keys);
  }
  return verifyCode(input.code ?? '', keys);
}

export const documentHandlers = {
  'document.list': (input, cx) => availableDocuments(requireStore(cx), input.personId),
  'document.preview': (input, cx) => {
    const store = requireStore(cx);
    if (input.kind === 'review-sheet') return { ...reviewHtml(cx, store, input), landscape: true };
    const p = planOne(cx, store, input);
    const paged = pagesOf(
      input.kind,
      previewItems(store, [p]),
      placementFor(store, input.kind, input.printer, input.preprinted),
      titleOf(input.kind, p.facts),
    );
    return { html: paged.shell(paged.pages.join('\n')), title: paged.title, landscape: paged.landscape };
  },
  'document.savePdf': async (input, cx) => {
    const store = requireStore(cx);
    if (input.kind === 'review-sheet') {
      const r = reviewHtml(cx, store, input);
      const target = await chooseTarget(cx.app, '另存为 PDF', `${safeFileName(r.title)}.pdf`, 'pdf');
      const pdf = await renderPdf(engine(cx), { html: r.html, landscape: true }, cx.job);
      const file = await saveUserFile(cx.app, target, pdf, { checkCancelled: () => cx.job.throwIfCancelled() });
      store.write(actorOf(cx), (w) =>
        w.audit({
          action: 'document.print',
          entity: 'document',
          entityId: `township:${input.township ?? ''}`,
          after: { kind: input.kind, file: file.fileName, sha256: file.sha256 },
        }),
      );
      return {
        fileName: file.fileName,
        pages: (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
        numbers: [],
      };
    }
    const p = planOne(cx, store, input);
    const title = titleOf(input.kind, p.facts);
    const target = await chooseTarget(cx.app, '另存为 PDF', `${safeFileName(title)}.pdf`, 'pdf');
    return printDocuments(
      cx.app,
      store,
      actorOf(cx),
      engine(cx),
      input.kind,
      [p],
      placementFor(store, input.kind, input.printer, input.preprinted),
      title,
      (pdf) => saveUserFile(cx.app, target, pdf, { checkCancelled: () => cx.job.throwIfCancelled() }),
      cx.job,
    );
  },
  'document.batchPdf': async (input, cx) => {
    const store = requireStore(cx);
    if (input.kind === 'review-sheet') throw new AppError('INVALID_INPUT', '年度复核表请按乡镇逐份打印');
    const targets = batchTargets(store, input);
    if (targets.length === 0) throw new AppError('INVALID_INPUT', '所选范围内没有可打印的文书');
    const planned: Planned[] = [];
    const today = cx.app.today();
    for (const [i, t] of targets.entries()) {
      if (i % 50 === 0) {
        cx.job.throwIfCancelled();
        cx.job.step(i, targets.length, '读取资料');
      }
      planned.push(
        plan(store, input.kind, loadFacts(store, { personId: t.personId, program: input.program }, today), t.eventId),
      );
    }
    const title = `${documentKindLabels[input.kind]}（${String(planned.length)} 份）`;
    const target = await chooseTarget(cx.app, '另存为 PDF', `${safeFileName(title)}.pdf`, 'pdf');
    const r = await printDocuments(
      cx.app,
      store,
      actorOf(cx),
      engine(cx),
      input.kind,
      planned,
      placementFor(store, input.kind, input.printer, input.preprinted),
      title,
      (pdf) => saveUserFile(cx.app, target, pdf, { checkCancelled: () => cx.job.throwIfCancelled() }),
      cx.job,
    );
    return { ...r, documents: planned.length };
  },
  'document.saveDocx': async (input, cx) => {
    const store = requireStore(cx);
    if (input.kind === 'certificate' || input.kind === 'review-sheet')
      throw new AppError('INVALID_INPUT', '只有审批表和通知书可以导出为 Word');
    const p = planOne(cx, store, input);
    return exportDocx(cx, store, p);
  },
  'document.verify': (input, cx) => verifyInput(input, knownKeys(cx)),
  'document.settings': (_input, cx) => readDocumentSettings(requireStore(cx)),
  'document.saveSettings': (input, cx) => saveDocumentSettings(requireStore(cx), actorOf(cx), input),
  'document.calibration': (input, cx) => {
    const p = placementFor(requireStore(cx), input.template, input.printer);
    return { template: input.template, printer: input.printer, dxMm: p.dxMm, dyMm: p.dyMm };
  },
  'document.saveCalibration': (input, cx) => {
    const store = requireStore(cx);
    const actor = actorOf(cx);
    store.write(actor, (w) => {
      const values = {
        dx_mm: input.dxMm,
        dy_mm: input.dyMm,
        updated_at: cx.app.clock().toISOString(),
        updated_by: actor.username,
      };
      w.run(
        w.kysely
          .insertInto('print_calibrations')
          .values({ workstation: workstation(), template: input.template, printer: input.printer, ...values })
          .onConflict((oc) => oc.columns(['workstation', 'template', 'printer']).doUpdateSet(values)),
      );
      w.audit({
        action: 'document.calibration',
        entity: 'document',
        entityId: `${input.template}@${input.printer}`,
        after: { workstation: workstation(), dxMm: input.dxMm, dyMm: input.dyMm },
      });
    });
    return input;
  },
  'document.calibrationPage': (input, cx) => {
    const store = requireStore(cx);
    const layout = readDocumentSettings(store).certificateLayout;
    return {
      html: calibrationPage(input.printer, placementFor(store, input.template, input.printer), layout),
      title: `套打校准页（${input.printer}）`,
      landscape: layout === 'a5-one',
    };
  },
} satisfies HandlerMap<DocumentChannel>;
