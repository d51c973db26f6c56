import { childModes, parentSituations } from '../../../../shared/domain/programs';
import { transitions, type TransitionName } from '../../../../shared/domain/lifecycle';
import type { DocFacts } from '../doc-types';
import { esc, htmlDocument } from './common';
import { DOC_CSS, dateText, monthText, sexText, yuanText } from './doc-common';

/**
 * 申请审批表: the application with the person's facts, the eligibility facts, the
 * bank account, every step of the history with who took it and when, and the boxes
 * the township and the county sign and seal. 初审 and 审批 name the two different
 * people of the two-person rule, from the history.
 */
const dibaoText = { none: '无', urban: '城市低保', rural: '农村低保', edge: '低保边缘' } as const;
const tekunText = { none: '否', centralized: '集中供养', dispersed: '分散供养' } as const;

const row = (cells: Array<[string, string, number?]>) =>
  `<tr>${cells.map(([k, v, span]) => `<th>${esc(k)}</th><td${span ? ` colspan="${String(span)}"` : ''}>${esc(v)}</td>`).join('')}</tr>`;

function eligibility(f: DocFacts): string {
  const e = f.enrolment;
  const rows: string[] = [];
  if (e.certificate)
    rows.push(
      row([
        ['残疾人证号', e.certificate.number, 3],
        ['类别/等级', `${String(e.certificate.category)}类 ${String(e.certificate.grade)}级`],
      ]),
    );
  if (e.childMode || e.guardianName)
    rows.push(
      row([
        ['养育方式', e.childMode ? childModes[e.childMode] : '—'],
        ['监护人', `${e.guardianName ?? '—'}${e.guardianRelation ? `（${e.guardianRelation}）` : ''}`],
        ['监护人电话', e.guardianPhone ?? '—'],
      ]),
    );
  if (e.fatherSituation || e.motherSituation) {
    const s = (v: string | null) => (v ? ((parentSituations as Record<string, string>)[v] ?? v) : '—');
    rows.push(
      row([
        ['父亲情况', s(e.fatherSituation)],
        ['母亲情况', s(e.motherSituation)],
        ['证明材料', e.situationEvidence ?? '—'],
      ]),
    );
  }
  rows.push(
    row([
      ['低保情况', dibaoText[f.person.dibao]],
      ['特困供养', tekunText[f.person.tekun]],
      ['档次/类别', f.category || '—'],
    ]),
  );
  return rows.join('\n');
}

/** Events of the history that are not lifecycle steps. */
const otherEvents: Record<string, string> = { created: '申请登记', updated: '信息修改', rejected: '不予批准' };

function history(f: DocFacts): string {
  const rows = f.events.map((ev) => {
    const label =
      otherEvents[ev.kind] ??
      (transitions as Record<string, { label: string }>)[ev.kind as TransitionName]?.label ??
      ev.kind;
    return `<tr><td>${esc(label)}</td><td>${esc(f.names.get(ev.username) ?? ev.username)}</td><td>${esc(dateText(ev.kind === 'created' ? f.enrolment.appliedOn : ev.date))}</td><td>${esc(ev.reason ?? '')}</td></tr>`;
  });
  return `<table class="form hist"><colgroup><col style="width:30mm"><col style="width:30mm"><col style="width:34mm"><col></colgroup>
<tr><th>办理环节</th><th>经办人</th><th>日期</th><th>意见/原因</th></tr>
${rows.join('\n')}</table>`;
}

export function renderApprovalForm(f: DocFacts): string {
  const p = f.person;
  const reviewed = f.reviewedBy;
  const approved = f.approvedBy;
  const body = `<section class="page doc">
<h1>${esc(f.programLabel)}申请审批表</h1>
<p class="doc-no">申请编号：${esc(String(f.enrolment.id).padStart(6, '0'))}\u3000填表日期：${esc(dateText(f.enrolment.appliedOn))}</p>
<table class="form"><colgroup><col style="width:24mm"><col><col style="width:24mm"><col><col style="width:24mm"><col></colgroup>
${row([
  ['姓名', p.name],
  ['性别', sexText(p.sex)],
  ['出生日期', dateText(p.birthDate)],
])}
${row([
  ['身份证号', p.idNumber, 3],
  ['联系电话', p.phone ?? '—'],
])}
${row([
  ['乡镇(街道)', p.townshipName ?? '—'],
  ['村(社区)', p.villageName ?? '—'],
  ['民族', p.ethnicity ?? '—'],
])}
${row([['家庭住址', p.address ?? '—', 5]])}
${eligibility(f)}
${row([
  ['开户银行', p.bankName ?? '—'],
  ['一卡通账号', p.bankAccount ?? '—', 3],
])}
${row([
  ['补贴标准', f.amountFen ? `${yuanText(f.amountFen)}/月` : '—'],
  ['起始月份', monthText(f.startMonth)],
  ['账户户名', p.accountHolderName ?? p.name],
])}
</table>
<h2 class="sub">办理经过</h2>
${history(f)}
<table class="form opinions"><colgroup><col style="width:24mm"><col></colgroup>
<tr><th>乡镇(街道)<br>初审意见</th><td class="opinion">${reviewed ? '经入户调查核实，情况属实，符合条件，同意上报。' : ''}
<div class="foot">初审人：<span class="sign-line">${esc(reviewed?.name ?? '')}</span>\u3000日期：${esc(reviewed ? dateText(reviewed.on) : '\u3000\u3000年\u3000月\u3000日')}\u3000（盖章）</div></td></tr>
<tr><th>县级民政部门<br>审批意见</th><td class="opinion">${approved ? '经审核，符合条件，同意享受。' : ''}
<div class="foot">审批人：<span class="sign-line">${esc(approved?.name ?? '')}</span>\u3000日期：${esc(approved ? dateText(approved.on) : '\u3000\u3000年\u3000月\u3000日')}\u3000（盖章）</div></td></tr>
</table>
<p class="small">本表由${esc(f.office.name)}制，一式两份，乡镇（街道）和县级民政部门各存一份。打印日期：${esc(f.printedOn)}</p>
</section>`;
  return htmlDocument({
    title: `${f.programLabel}申请审批表 ${p.name}`,
    landscape: false,
    marginMm: 14,
    css: `${DOC_CSS} h2.sub { font-size: 10.5pt; margin: 4mm 0 1.5mm; } .hist td { height: 6.5mm; font-size: 9pt; } .opinions { margin-top: 4mm; }`,
    body,
  });
}
