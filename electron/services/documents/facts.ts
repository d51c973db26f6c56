import type { Enrolment } from '../../../shared/contract';
import {
  defaultDocumentSettings,
  documentSettingsSchema,
  type DocumentKind,
  type DocumentSettings,
} from '../../../shared/contract/documents';
import { addMonths, monthOf, type Month } from '../../../shared/domain/dates';
import { standardCategoryLabel } from '../../../shared/domain/entitlement/categories';
import { maskIdNumber } from '../../../shared/domain/mask';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { ReadableStore } from '../../db/store';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { readMeta } from '../app/meta';
import { enrolmentsOf } from '../enrolments/queries';
import { findPersonById, toPerson } from '../persons/queries';
import { entitlementOf } from '../standards/facts';
import type { DocFacts, EventRow, Office } from '../print/doc-types';

export type { DocFacts, EventRow, Office } from '../print/doc-types';

export const SETTINGS_KEY = 'documents.wording';

export function readDocumentSettings(store: ReadableStore): DocumentSettings {
  const row = store.first(store.kysely.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY));
  if (!row) return defaultDocumentSettings;
  const parsed = documentSettingsSchema.safeParse({ ...defaultDocumentSettings, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : defaultDocumentSettings;
}

export function saveDocumentSettings(store: Store, actor: Actor, patch: Partial<DocumentSettings>): DocumentSettings {
  if (Object.keys(patch).length === 0) return readDocumentSettings(store);
  return store.write(actor, (w) => {
    const before = readDocumentSettings(w);
    const after = documentSettingsSchema.parse({ ...before, ...patch });
    const value = JSON.stringify(after);
    w.run(
      w.kysely
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
    );
    w.audit({ action: 'document.settings', entity: 'settings', entityId: SETTINGS_KEY, before, after });
    return after;
  });
}

export function officeOf(store: ReadableStore): Office {
  const meta = readMeta(store);
  const settings = readDocumentSettings(store);
  const countyName = meta.county_name ?? '';
  return {
    name: settings.officeName || meta.office_name || `${countyName}民政局`,
    countyCode: meta.county_code ?? '',
    countyName,
    settings,
  };
}

function eventRows(store: ReadableStore, enrolmentId: number, events: Enrolment['events']): EventRow[] {
  const rows = store.all(
    store.kysely
      .selectFrom('enrolment_events')
      .select(['id', 'effective_month', 'changes_json'])
      .where('enrolment_id', '=', enrolmentId)
      .orderBy('id'),
  );
  return events.map((e, i) => {
    const row = rows[i];
    let date = e.at.slice(0, 10);
    try {
      const c = JSON.parse(row?.changes_json ?? '{}') as { date?: string };
      if (c.date) date = c.date;
    } catch {
      // An event without its date JSON prints the time it was recorded.
    }
    return { ...e, id: row?.id ?? 0, effectiveMonth: row?.effective_month ?? null, date };
  });
}

/** The engine's amount from `from` on: the first entitled month within two years, and its category. */
function firstEntitled(store: ReadableStore, enrolmentId: number, from: Month) {
  for (let m = from, i = 0; i < 25; i++, m = addMonths(m, 1)) {
    const r = entitlementOf(store, enrolmentId, m);
    if (r.code === 'ENTITLED') return { month: m, amountFen: r.amountFen, category: r.category };
    if (r.code !== 'NOT_STARTED' && r.code !== 'NO_STANDARD')
      return { month: null, amountFen: 0, category: r.category };
  }
  return { month: null, amountFen: 0, category: null };
}

export function enrolmentFor(store: ReadableStore, personId: number, program: Program): Enrolment {
  const all = enrolmentsOf(store, personId).filter((e) => e.program === program);
  const e = all.at(-1);
  if (!e) throw new AppError('ENROLMENT_NOT_FOUND', `该人员没有${programLabels[program]}的记录`);
  return e;
}

export function loadFacts(store: ReadableStore, ref: { personId: number; program: Program }, today: string): DocFacts {
  const p = findPersonById(store, ref.personId);
  if (!p) throw new AppError('PERSON_NOT_FOUND');
  const person = toPerson(store, p, false);
  const enrolment = enrolmentFor(store, ref.personId, ref.program);
  const row = store.first(
    store.kysely
      .selectFrom('enrolments')
      .select(['reviewed_by', 'reviewed_on', 'approved_by', 'approved_on', 'applied_on'])
      .where('id', '=', enrolment.id),
  );
  const names = new Map(
    store
      .all(store.kysely.selectFrom('users').select(['username', 'display_name']))
      .map((u) => [u.username, u.display_name]),
  );
  const who = (u: string | null | undefined, on: string | null | undefined) =>
    u && on ? { name: names.get(u) ?? u, on } : null;
  const approved = row?.approved_on ?? null;
  const first = approved ? firstEntitled(store, enrolment.id, monthOf(enrolment.appliedOn)) : null;
  return {
    office: officeOf(store),
    person,
    maskedId: maskIdNumber(person.idNumber),
    enrolment,
    program: ref.program,
    programLabel: programLabels[ref.program],
    events: eventRows(store, enrolment.id, enrolment.events),
    names,
    reviewedBy: who(row?.reviewed_by, row?.reviewed_on),
    approvedBy: who(row?.approved_by, row?.approved_on),
    startMonth: first?.month ?? null,
    amountFen: first?.amountFen ?? 0,
    category: first?.category ? standardCategoryLabel(ref.program, first.category) : '',
    printedOn: today,
  };
}

/** The event a notice is about: the one asked for, or the latest of its kind. */
export function noticeEvent(f: DocFacts, kind: DocumentKind, eventId?: number): EventRow {
  const kinds: Record<string, readonly string[]> = {
    'decision-notice': ['approve', 'reject'],
    'stop-notice': ['stop'],
    'change-notice': ['change'],
  };
  const wanted = kinds[kind] ?? [];
  const candidates = f.events.filter((e) => wanted.includes(e.kind));
  const e = eventId ? candidates.find((c) => c.id === eventId) : candidates.at(-1);
  if (!e) throw new AppError('ILLEGAL_TRANSITION', `该记录没有可开具${kindWord(kind)}的办理记录`);
  return e;
}

function kindWord(kind: DocumentKind): string {
  return (
    (
      { 'decision-notice': '审批结果通知书', 'stop-notice': '停发通知书', 'change-notice': '变更通知书' } as Record<
        string,
        string
      >
    )[kind] ?? '文书'
  );
}

/** The amount in force from a month on (change notices): the engine's answer for that month. */
export function amountFrom(store: ReadableStore, f: DocFacts, month: Month): { amountFen: number; category: string } {
  const r = entitlementOf(store, f.enrolment.id, month);
  return { amountFen: r.amountFen, category: r.category ? standardCategoryLabel(f.program, r.category) : '' };
}
