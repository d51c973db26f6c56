import type { NumberedKind } from '../../../shared/contract/documents';
import type { Program } from '../../../shared/domain/programs';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store, WritableStore } from '../../db/store';
import type { DocumentSettings } from '../../../shared/contract/documents';

/** One character per program for the number patterns' `{p}`. */
export const programInitials: Record<Program, string> = {
  'disability-living': '残',
  'disability-care': '护',
  orphan: '孤',
  'unattended-child': '童',
  elderly: '高',
};

export function patternFor(kind: NumberedKind, settings: DocumentSettings): string {
  return kind === 'certificate' ? settings.certificatePattern : settings.noticePattern;
}

/** The series a pattern numbers in: everything but the year and the sequence, so one office's numbers never repeat. */
export function seriesOf(pattern: string, program: Program): string {
  return pattern.replaceAll('{p}', programInitials[program]);
}

export function formatNumber(series: string, year: number, seq: number): string {
  return series
    .replaceAll('{year}', String(year))
    .replace(/\{seq(\d?)\}/g, (_m, w: string) => String(seq).padStart(w ? Number(w) : 1, '0'));
}

export interface IssuedDoc {
  number: string;
  reprints: number;
}

export function issuedDoc(store: ReadableStore, kind: NumberedKind, subject: string): IssuedDoc | undefined {
  return store.first(
    store.kysely
      .selectFrom('documents')
      .select(['number', 'reprints'])
      .where('kind', '=', kind)
      .where('subject', '=', subject),
  );
}

export interface Reserved {
  series: string;
  year: number;
  seq: number;
  number: string;
}

/**
 * Takes the next `count` numbers of a series and year in one IMMEDIATE
 * transaction: the counter row is the lock, so two processes on the same file get
 * disjoint ranges. The counter only goes up; a number reserved for a print that is
 * then cancelled or fails is skipped, never handed out again.
 */
export function reserveNumbers(w: WritableStore, series: string, year: number, count: number): Reserved[] {
  if (count <= 0) return [];
  const row = w.first(
    w.kysely
      .insertInto('document_counters')
      .values({ series, year, last: count })
      .onConflict((oc) => oc.columns(['series', 'year']).doUpdateSet((eb) => ({ last: eb('last', '+', count) })))
      .returning('last'),
  );
  const last = row?.last ?? count;
  return Array.from({ length: count }, (_, i) => {
    const seq = last - count + 1 + i;
    return { series, year, seq, number: formatNumber(series, year, seq) };
  });
}

export function reserve(store: Store, actor: Actor, kind: NumberedKind, series: string, year: number, count: number) {
  return store.write(actor, (w) => {
    const numbers = reserveNumbers(w, series, year, count);
    w.audit({
      action: 'document.issue',
      entity: 'document',
      after: { kind, series, year, count, first: numbers[0]?.number ?? null, last: numbers.at(-1)?.number ?? null },
    });
    return numbers;
  });
}

export interface IssueRecord {
  kind: NumberedKind;
  subject: string;
  reserved: Reserved;
  personId: number;
  enrolmentId: number | null;
  program: Program;
  code: string | null;
}

/** After the file is written: the document is recorded under its number, or its reprint counted. */
export function recordPrinted(
  w: WritableStore,
  records: readonly IssueRecord[],
  reprints: readonly IssueRecord[],
  at: string,
  by: string,
) {
  for (const r of records)
    w.run(
      w.kysely.insertInto('documents').values({
        kind: r.kind,
        subject: r.subject,
        series: r.reserved.series,
        year: r.reserved.year,
        seq: r.reserved.seq,
        number: r.reserved.number,
        person_id: r.personId,
        enrolment_id: r.enrolmentId,
        program: r.program,
        code: r.code,
        issued_at: at,
        issued_by: by,
        last_printed_at: at,
      }),
    );
  for (const r of reprints)
    w.run(
      w.kysely
        .updateTable('documents')
        .set((eb) => ({ reprints: eb('reprints', '+', 1), last_printed_at: at }))
        .where('kind', '=', r.kind)
        .where('subject', '=', r.subject),
    );
}
