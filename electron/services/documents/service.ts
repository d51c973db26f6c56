import { hostname } from 'node:os';
import { isNumbered, type DocumentKind, type NumberedKind } from '../../../shared/contract/documents';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';
import type { AppContext } from '../app/context';
import type { WrittenFile } from '../files/output';
import { NO_JOB, type Job } from '../jobs/runner';
import { sign, signingPublicKey } from '../keys/signing';
import type { PrintEngine } from '../print/engine';
import { renderPdf } from '../print/pdf';
import type { Issue, Placement } from '../print/doc-types';
import { makeCode } from './code';
import { issuedDoc, patternFor, recordPrinted, reserve, seriesOf, type IssueRecord } from './numbers';
import { codeFields, pagesOf, type Paged, type Planned } from './render';

/** The workstation whose calibration applies: calibration is of this computer's printer. */
export const workstation = () => hostname();

export function placementFor(
  store: ReadableStore,
  kind: DocumentKind,
  printer?: string,
  preprinted = false,
): Placement {
  if (kind !== 'certificate' || !printer) return { dxMm: 0, dyMm: 0, preprinted };
  const row = store.first(
    store.kysely
      .selectFrom('print_calibrations')
      .select(['dx_mm', 'dy_mm'])
      .where('workstation', '=', workstation())
      .where('template', '=', kind)
      .where('printer', '=', printer),
  );
  return { dxMm: row?.dx_mm ?? 0, dyMm: row?.dy_mm ?? 0, preprinted };
}

interface Item {
  planned: Planned;
  issue: Issue;
  record: IssueRecord | null;
  /** A reprint of a document recorded before. */
  reprint: IssueRecord | null;
}

/** Preview: existing numbers as they are, no number taken, no code signed. */
export function previewItems(
  store: ReadableStore,
  planned: readonly Planned[],
): Array<{ planned: Planned; issue: Issue }> {
  return planned.map((p) => {
    const existing = isNumbered(p.kind) ? issuedDoc(store, p.kind, p.subject) : undefined;
    return { planned: p, issue: { number: existing?.number ?? null, reprint: existing !== undefined, code: null } };
  });
}

/**
 * Numbers for what is printed for the first time (one transaction for all of
 * them), the reprints' numbers as recorded, and the signed code of each.
 */
export function issueItems(ctx: AppContext, store: Store, actor: Actor, planned: readonly Planned[]): Item[] {
  const pub = signingPublicKey(ctx);
  const year = Number(ctx.today().slice(0, 4));
  const fresh = new Map<string, Planned[]>();
  const items: Item[] = [];
  for (const p of planned) {
    if (!isNumbered(p.kind)) {
      items.push({ planned: p, issue: { number: null, reprint: false, code: null }, record: null, reprint: null });
      continue;
    }
    if (!pub) throw new AppError('SIGNING_KEY_MISSING');
    const existing = store.first(
      store.kysely
        .selectFrom('documents')
        .select(['number', 'code', 'series', 'year', 'seq'])
        .where('kind', '=', p.kind)
        .where('subject', '=', p.subject),
    );
    if (existing) {
      const code = makeCode(codeFields(p, existing.number), pub.der, (b) => sign(ctx, b));
      const reserved = { series: existing.series, year: existing.year, seq: existing.seq, number: existing.number };
      const rec = record(p, reserved, code);
      items.push({ planned: p, issue: { number: existing.number, reprint: true, code }, record: null, reprint: rec });
      continue;
    }
    const series = seriesOf(patternFor(p.kind, p.facts.office.settings), p.facts.program);
    const list = fresh.get(series) ?? [];
    list.push(p);
    fresh.set(series, list);
    items.push({ planned: p, issue: { number: null, reprint: false, code: null }, record: null, reprint: null });
  }
  for (const [series, list] of fresh) {
    const numbers = reserve(store, actor, list[0]?.kind as NumberedKind, series, year, list.length);
    list.forEach((p, i) => {
      const reserved = numbers[i];
      const item = items.find((it) => it.planned === p);
      if (!reserved || !item || !pub) return;
      const code = makeCode(codeFields(p, reserved.number), pub.der, (b) => sign(ctx, b));
      item.issue = { number: reserved.number, reprint: false, code };
      item.record = record(p, reserved, code);
    });
  }
  return items;
}

function record(p: Planned, reserved: IssueRecord['reserved'], code: string): IssueRecord {
  return {
    kind: p.kind as NumberedKind,
    subject: p.subject,
    reserved,
    personId: p.facts.person.id,
    enrolmentId: p.facts.enrolment.id,
    program: p.facts.program,
    code,
  };
}

export interface PrintedDocs {
  fileName: string;
  pages: number;
  numbers: string[];
}

const countPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/**
 * Numbers, renders, writes the PDF, then records the documents: a print that fails
 * or is cancelled records nothing, and its reserved numbers are skipped for good.
 */
export async function printDocuments(
  ctx: AppContext,
  store: Store,
  actor: Actor,
  engine: PrintEngine,
  kind: DocumentKind,
  planned: readonly Planned[],
  placement: Placement,
  title: string,
  save: (pdf: Buffer) => Promise<WrittenFile>,
  job: Job = NO_JOB,
): Promise<PrintedDocs> {
  if (planned.length === 0) throw new AppError('INVALID_INPUT', '所选范围内没有可打印的文书');
  job.step(0, planned.length, '编号与签名');
  const items = issueItems(ctx, store, actor, planned);
  job.throwIfCancelled();
  const paged: Paged = pagesOf(kind, items, placement, title);
  const pdf = await renderPdf(
    engine,
    {
      html: paged.shell(paged.pages.join('\n')),
      landscape: paged.landscape,
      paged: { pages: paged.pages, shell: paged.shell },
    },
    job,
  );
  job.throwIfCancelled();
  const file = await save(pdf);
  const at = ctx.clock().toISOString();
  const numbers = items.map((i) => i.issue.number).filter((n): n is string => n !== null);
  store.write(actor, (w) => {
    recordPrinted(
      w,
      items.flatMap((i) => (i.record ? [i.record] : [])),
      items.flatMap((i) => (i.reprint ? [i.reprint] : [])),
      at,
      actor.username,
    );
    const reprinted = items.filter((i) => i.reprint).map((i) => i.issue.number);
    const one = planned.length === 1 ? planned[0] : undefined;
    w.audit({
      action: one ? (reprinted.length ? 'document.reprint' : 'document.print') : 'document.batch',
      entity: 'document',
      entityId: one ? one.subject : null,
      after: {
        kind,
        count: planned.length,
        numbers: numbers.length > 50 ? [numbers[0], '…', numbers.at(-1)] : numbers,
        reprinted: reprinted.length > 50 ? reprinted.length : reprinted,
        file: file.fileName,
        sha256: file.sha256,
      },
    });
  });
  return { fileName: file.fileName, pages: countPages(pdf), numbers };
}
