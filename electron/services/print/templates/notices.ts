import type { DocFacts, EventRow, Issue } from '../doc-types';
import { esc, htmlDocument } from './common';
import { DOC_CSS, dateText, monthText, numberLine, officeFoot, qrBlock, yuanText } from './doc-common';

/**
 * 审批结果通知书 (批准 / 不予批准), 停发通知书 and 变更通知书: the decision, the
 * amount and the month it starts, the legal basis where the office set one, and the
 * remedy clause. A stop because of death is addressed to the family.
 */
export interface NoticeInput {
  facts: DocFacts;
  event: EventRow;
  issue: Issue;
  /** The amount in force from the event's month (change notices). */
  amountFen: number;
  category: string;
}

function basis(f: DocFacts): string {
  const b = f.office.settings.legalBasis[f.program];
  return b ? `依据${esc(b)}，` : '';
}

function remedy(f: DocFacts): string {
  return `<p class="body">${esc(f.office.settings.remedyClause)}</p>`;
}

function page(title: string, n: NoticeInput, to: string, paragraphs: string[]): string {
  const f = n.facts;
  return `<section class="page doc">
${numberLine(n.issue)}
<h1>${esc(title)}</h1>
<p class="to">${esc(to)}：</p>
${paragraphs.map((p) => `<p class="body">${p}</p>`).join('\n')}
${remedy(f)}
${officeFoot(f, n.event.date)}
${qrBlock(n.issue)}
</section>`;
}

const who = (f: DocFacts) => `${esc(f.person.name)}（身份证号：${esc(f.maskedId)}）`;

export function decisionNoticePage(n: NoticeInput): string {
  const f = n.facts;
  if (n.event.kind === 'reject')
    return page(`${f.programLabel}审批结果通知书`, n, f.person.name, [
      `你（单位）于${esc(dateText(f.enrolment.appliedOn))}提出的${esc(f.programLabel)}申请，经审核，${basis(f)}决定<b>不予批准</b>。`,
      `理由：${esc(n.event.reason ?? '不符合条件')}。`,
    ]);
  return page(`${f.programLabel}审批结果通知书`, n, f.person.name, [
    `你于${esc(dateText(f.enrolment.appliedOn))}提出的${esc(f.programLabel)}申请，经审核，${basis(f)}决定<b>予以批准</b>。`,
    `${who(f)}自 <b>${esc(monthText(f.startMonth))}</b> 起享受${esc(f.programLabel)}${f.category ? `（${esc(f.category)}）` : ''}，每月 <b>${esc(yuanText(f.amountFen))}</b>，按月发放至本人一卡通账户。`,
  ]);
}

export function stopNoticePage(n: NoticeInput): string {
  const f = n.facts;
  const death = f.person.deathDate !== null;
  const to = death ? `${f.person.name}家属` : f.person.name;
  const reason = n.event.reason ?? (death ? '享受人已死亡' : '不再符合条件');
  return page(`${f.programLabel}停发通知书`, n, to, [
    death
      ? `${who(f)}已于${esc(dateText(f.person.deathDate))}去世，谨致哀悼。${basis(f)}其${esc(f.programLabel)}自 <b>${esc(monthText(n.event.effectiveMonth))}</b> 起停止发放。`
      : `${basis(f)}经审核，${who(f)}的${esc(f.programLabel)}自 <b>${esc(monthText(n.event.effectiveMonth))}</b> 起停止发放。`,
    `停发原因：${esc(reason)}。`,
  ]);
}

export function changeNoticePage(n: NoticeInput): string {
  const f = n.facts;
  return page(`${f.programLabel}变更通知书`, n, f.person.name, [
    `${basis(f)}经审核，${who(f)}享受的${esc(f.programLabel)}自 <b>${esc(monthText(n.event.effectiveMonth))}</b> 起变更${n.category ? `为${esc(n.category)}` : ''}，每月 <b>${esc(yuanText(n.amountFen))}</b>。`,
    `变更原因：${esc(n.event.reason ?? '')}。`,
  ]);
}

export const NOTICE_CSS = `${DOC_CSS} .page.doc { height: 269mm; overflow: hidden; }`;

export function noticeDocument(title: string, pages: string[]): string {
  return htmlDocument({ title, landscape: false, marginMm: 14, css: NOTICE_CSS, body: pages.join('\n') });
}
