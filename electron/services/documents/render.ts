import { documentKindLabels, type DocumentKind, type NumberedKind } from '../../../shared/contract/documents';
import { monthOf } from '../../../shared/domain/dates';
import { childModes } from '../../../shared/domain/programs';
import type { ReadableStore } from '../../db/store';
import type { DocFacts, EventRow, Issue, Placement } from '../print/doc-types';
import { renderApprovalForm } from '../print/templates/approval-form';
import { certificateCard, certificateDocument } from '../print/templates/certificate';
import { changeNoticePage, decisionNoticePage, noticeDocument, stopNoticePage } from '../print/templates/notices';
import type { CodeFields } from './code';
import { amountFrom, noticeEvent } from './facts';

/** One document of one person, before its number: what it is about and what its code will say. */
export interface Planned {
  kind: DocumentKind;
  facts: DocFacts;
  event: EventRow | null;
  /** `event:ID` or `enrolment:ID`: one numbered document per kind and subject. */
  subject: string;
  amountFen: number;
  category: string;
  validFrom: string;
}

export function plan(store: ReadableStore, kind: DocumentKind, facts: DocFacts, eventId?: number): Planned {
  if (kind === 'approval-form' || kind === 'certificate') {
    let amountFen = facts.amountFen;
    let category = facts.category;
    const now = monthOf(facts.printedOn);
    if (kind === 'certificate' && facts.startMonth && now > facts.startMonth) {
      const a = amountFrom(store, facts, now);
      if (a.amountFen > 0) ({ amountFen, category } = a);
    }
    const tier = kind === 'certificate' && facts.enrolment.childMode ? childModes[facts.enrolment.childMode] : category;
    return {
      kind,
      facts,
      event: null,
      subject: `enrolment:${String(facts.enrolment.id)}`,
      amountFen,
      category: tier,
      validFrom: facts.startMonth ?? '',
    };
  }
  const event = noticeEvent(facts, kind, eventId);
  const subject = `event:${String(event.id)}`;
  if (kind === 'decision-notice')
    return {
      kind,
      facts,
      event,
      subject,
      amountFen: event.kind === 'reject' ? 0 : facts.amountFen,
      category: facts.category,
      validFrom: event.kind === 'reject' ? '' : (facts.startMonth ?? ''),
    };
  const month = event.effectiveMonth ?? monthOf(event.date);
  const a = kind === 'change-notice' ? amountFrom(store, facts, month) : { amountFen: 0, category: '' };
  return { kind, facts, event, subject, amountFen: a.amountFen, category: a.category, validFrom: month };
}

export function codeFields(p: Planned, number: string): CodeFields {
  return {
    countyCode: p.facts.office.countyCode,
    kind: p.kind as NumberedKind,
    number,
    program: p.facts.program,
    name: p.facts.person.name,
    idNumber: p.facts.maskedId,
    amountFen: p.amountFen,
    validFrom: p.validFrom,
  };
}

export interface Paged {
  title: string;
  landscape: boolean;
  pages: string[];
  shell: (body: string) => string;
}

/** The pages of one kind for planned documents and their issues, and the document around any run of them. */
export function pagesOf(
  kind: DocumentKind,
  items: ReadonlyArray<{ planned: Planned; issue: Issue }>,
  placement: Placement,
  title: string,
): Paged {
  if (kind === 'approval-form') {
    const docs = items.map((i) => renderApprovalForm(i.planned.facts));
    const bodies = docs.map((d) => d.slice(d.indexOf('<body>') + 6, d.lastIndexOf('</body>')));
    const first = docs[0] ?? renderApprovalFormShell();
    const head = first.slice(0, first.indexOf('<body>') + 6);
    return { title, landscape: false, pages: bodies, shell: (b) => `${head}\n${b}\n</body></html>\n` };
  }
  if (kind === 'certificate') {
    const layout = items[0]?.planned.facts.office.settings.certificateLayout ?? 'a4-two';
    const cards = items.map((i) =>
      certificateCard({ facts: i.planned.facts, issue: i.issue, tier: i.planned.category }, placement),
    );
    const per = layout === 'a4-two' ? 2 : 1;
    const pages: string[] = [];
    for (let i = 0; i < cards.length; i += per)
      pages.push(`<section class="page">${cards.slice(i, i + per).join('<div class="gap"></div>')}</section>`);
    const empty = certificateDocument(title, [], layout);
    const at = empty.indexOf('</body>');
    return {
      title,
      landscape: layout === 'a5-one',
      pages,
      shell: (b) => `${empty.slice(0, at)}${b}\n${empty.slice(at)}`,
    };
  }
  const pages = items.map((i) => {
    const n = {
      facts: i.planned.facts,
      event: i.planned.event as EventRow,
      issue: i.issue,
      amountFen: i.planned.amountFen,
      category: i.planned.category,
    };
    return kind === 'decision-notice'
      ? decisionNoticePage(n)
      : kind === 'stop-notice'
        ? stopNoticePage(n)
        : changeNoticePage(n);
  });
  return { title, landscape: false, pages, shell: (b) => noticeDocument(title, [b]) };
}

function renderApprovalFormShell(): string {
  return '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body></body></html>';
}

export function titleOf(kind: DocumentKind, facts: DocFacts | null, count = 1): string {
  const base = facts
    ? `${facts.programLabel}${documentKindLabels[kind].replace(/^申请/, '')}`
    : documentKindLabels[kind];
  return count === 1 && facts ? `${base}（${facts.person.name}）` : `${base}（${String(count)} 份）`;
}
