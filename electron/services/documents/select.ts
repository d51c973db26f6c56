import type { AvailableDocument, DocumentKind } from '../../../shared/contract/documents';
import { documentKindLabels, isNumbered } from '../../../shared/contract/documents';
import { zhCompare } from '../../../shared/domain/collate';
import { standardCategoryLabel } from '../../../shared/domain/entitlement/categories';
import { maskIdNumber } from '../../../shared/domain/mask';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { ReadableStore } from '../../db/store';
import { enrolmentsOf } from '../enrolments/queries';
import { entitlementOf } from '../standards/facts';
import type { ReviewRow, ReviewSheetInput } from '../print/templates/review-sheet';
import { officeOf } from './facts';
import { issuedDoc } from './numbers';

const CERTIFICATE_PROGRAMS: readonly Program[] = ['elderly', 'orphan', 'unattended-child'];
const HOLDING = ['approved', 'publicized', 'active', 'suspended'];
const EVENT_KINDS: Partial<Record<DocumentKind, readonly string[]>> = {
  'decision-notice': ['approve', 'reject'],
  'stop-notice': ['stop'],
  'change-notice': ['change'],
};

/** What can be printed for one person: per enrolment, each document and whether it was issued before. */
export function availableDocuments(store: ReadableStore, personId: number): AvailableDocument[] {
  const out: AvailableDocument[] = [];
  for (const e of enrolmentsOf(store, personId)) {
    const add = (kind: DocumentKind, eventId: number | null, label: string) => {
      const subject = eventId ? `event:${String(eventId)}` : `enrolment:${String(e.id)}`;
      const issued = isNumbered(kind) ? issuedDoc(store, kind, subject) : undefined;
      out.push({
        kind,
        program: e.program,
        enrolmentId: e.id,
        eventId,
        label,
        number: issued?.number ?? null,
        reprints: issued?.reprints ?? 0,
      });
    };
    add('approval-form', null, `${programLabels[e.program]}申请审批表`);
    const ids = store.all(
      store.kysely.selectFrom('enrolment_events').select(['id', 'kind']).where('enrolment_id', '=', e.id).orderBy('id'),
    );
    for (const ev of ids) {
      for (const [kind, kinds] of Object.entries(EVENT_KINDS) as Array<[DocumentKind, readonly string[]]>) {
        if (!kinds.includes(ev.kind)) continue;
        const suffix = ev.kind === 'reject' ? '（不予批准）' : ev.kind === 'approve' ? '（批准）' : '';
        add(kind, ev.id, `${documentKindLabels[kind]}${suffix}`);
      }
    }
    if (CERTIFICATE_PROGRAMS.includes(e.program) && HOLDING.includes(e.status))
      add('certificate', null, `${programLabels[e.program]}${e.program === 'elderly' ? '领取证' : '待遇证'}`);
  }
  return out;
}

export interface BatchFilter {
  kind: DocumentKind;
  program: Program;
  township?: string;
  approvedFrom?: string;
  personIds?: number[];
}

export interface Target {
  personId: number;
  eventId?: number;
  township: string;
  village: string;
  pinyin: string;
}

/** Who gets a document of `kind` in the selection, ordered by township, village, then name. */
export function batchTargets(store: ReadableStore, f: BatchFilter): Target[] {
  let q = store.kysely
    .selectFrom('enrolments as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .leftJoin('regions as v', 'v.code', 'p.village_code')
    .leftJoin('regions as t', 't.code', 'v.parent_code')
    .select([
      'e.id as enrolmentId',
      'e.person_id as personId',
      'e.status as status',
      'e.approved_on as approvedOn',
      'p.name_pinyin as pinyin',
      'v.name as village',
      't.name as township',
      't.code as townshipCode',
    ])
    .where('e.program', '=', f.program);
  if (f.township) q = q.where('t.code', '=', f.township);
  if (f.personIds) q = q.where('e.person_id', 'in', f.personIds.length ? f.personIds : [-1]);
  const rows = store.all(q);
  const out: Target[] = [];
  const eventKinds = EVENT_KINDS[f.kind];
  for (const r of rows) {
    const base = { personId: r.personId, township: r.township ?? '', village: r.village ?? '', pinyin: r.pinyin };
    if (eventKinds) {
      const events = store.all(
        store.kysely
          .selectFrom('enrolment_events')
          .select(['id', 'changes_json', 'at'])
          .where('enrolment_id', '=', r.enrolmentId)
          .where('kind', 'in', [...eventKinds])
          .orderBy('id'),
      );
      for (const ev of events) {
        const date = (JSON.parse(ev.changes_json ?? '{}') as { date?: string }).date ?? ev.at.slice(0, 10);
        if (f.approvedFrom && date < f.approvedFrom) continue;
        out.push({ ...base, eventId: ev.id });
      }
      continue;
    }
    if (f.kind === 'certificate' && !(CERTIFICATE_PROGRAMS.includes(f.program) && HOLDING.includes(r.status))) continue;
    if (f.approvedFrom && (!r.approvedOn || r.approvedOn < f.approvedFrom)) continue;
    out.push(base);
  }
  return out.sort(
    (a, b) =>
      zhCompare(a.township, b.township) ||
      zhCompare(a.village, b.village) ||
      a.pinyin.localeCompare(b.pinyin) ||
      a.personId - b.personId ||
      (a.eventId ?? 0) - (b.eventId ?? 0),
  );
}

/** 年度复核表 of one township: active enrolments approved before this year and not yet reviewed this year. */
export function reviewSheet(
  store: ReadableStore,
  program: Program,
  township: string,
  today: string,
  maskIds: boolean,
): ReviewSheetInput {
  const t = store.first(store.kysely.selectFrom('regions').select('name').where('code', '=', township));
  if (!t) throw new AppError('INVALID_INPUT', `乡镇代码：找不到 ${township}`);
  const year = Number(today.slice(0, 4));
  const yearStart = `${String(year)}-01-01`;
  const rows = store.all(
    store.kysely
      .selectFrom('enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .innerJoin('regions as v', 'v.code', 'p.village_code')
      .select(['e.id', 'e.approved_on', 'p.name', 'p.id_number', 'p.name_pinyin', 'v.name as village'])
      .where('e.program', '=', program)
      .where('e.status', '=', 'active')
      .where('v.parent_code', '=', township),
  );
  const month = today.slice(0, 7);
  const due: Array<ReviewRow & { pinyin: string }> = [];
  for (const r of rows) {
    if (!r.approved_on || r.approved_on >= yearStart) continue;
    const last = store.first(
      store.kysely
        .selectFrom('enrolment_events')
        .select('at')
        .where('enrolment_id', '=', r.id)
        .where('kind', '=', 'annualReview')
        .orderBy('id', 'desc'),
    );
    if (last && last.at >= yearStart) continue;
    const ent = entitlementOf(store, r.id, month);
    due.push({
      village: r.village,
      name: r.name,
      idNumber: maskIds ? maskIdNumber(r.id_number) : r.id_number,
      category: ent.category ? standardCategoryLabel(program, ent.category) : '',
      amountFen: ent.amountFen,
      approvedOn: r.approved_on,
      lastReviewOn: last?.at.slice(0, 10) ?? null,
      pinyin: r.name_pinyin,
    });
  }
  due.sort((a, b) => zhCompare(a.village, b.village) || a.pinyin.localeCompare(b.pinyin));
  return {
    office: officeOf(store),
    programLabel: programLabels[program],
    township: t.name,
    year,
    rows: due,
    printedOn: today,
  };
}
