import type { DocFacts, Issue, Placement } from '../doc-types';
import { esc, htmlDocument } from './common';
import { dateText, monthText, qrSvg, sexText, yuanText } from './doc-common';

/**
 * 待遇证 / 领取证: a card of 186 × 126 mm, two to an A4 sheet or one per A5. Every
 * field sits at a fixed position in millimetres, so it can be printed onto a
 * pre-printed card (套打, `preprinted`: the fields alone); the workstation's
 * calibration offsets move every field, never the frame.
 */
export interface CertificateInput {
  facts: DocFacts;
  issue: Issue;
  /** 高龄津贴 tier, or the child's mode. */
  tier: string;
}

export const CARD = { widthMm: 186, heightMm: 126 } as const;

/** Field positions on the card (mm from its top left): label x, value x, y. */
export const FIELDS = {
  name: { label: '姓\u3000\u3000名', x: 12, y: 30 },
  sex: { label: '性\u3000\u3000别', x: 12, y: 40 },
  birth: { label: '出生日期', x: 12, y: 50 },
  id: { label: '身份证号', x: 12, y: 60 },
  program: { label: '待遇项目', x: 12, y: 70 },
  tier: { label: '档次/方式', x: 12, y: 80 },
  amount: { label: '月发放额', x: 12, y: 90 },
  from: { label: '享受起始', x: 12, y: 100 },
  number: { label: '证\u3000\u3000号', x: 12, y: 110 },
} as const;
const VALUE_DX = 24;

function field(key: keyof typeof FIELDS, value: string, p: Placement): string {
  const f = FIELDS[key];
  const label = p.preprinted
    ? ''
    : `<div class="lbl" style="left:${String(f.x)}mm;top:${String(f.y)}mm">${esc(f.label)}</div>`;
  return `${label}<div class="val f-${key}" style="left:${String(f.x + VALUE_DX + p.dxMm)}mm;top:${String(f.y + p.dyMm)}mm">${esc(value)}</div>`;
}

export function certificateCard(c: CertificateInput, p: Placement): string {
  const f = c.facts;
  const title = f.program === 'elderly' ? '高龄津贴领取证' : `${f.programLabel}领取证`;
  const qr = c.issue.code
    ? `<div class="qrpos" style="left:${String(140 + p.dxMm)}mm;top:${String(52 + p.dyMm)}mm">${qrSvg(c.issue.code, 36)}<div class="qrnote">扫码核验</div></div>`
    : `<div class="qrpos ph" style="left:${String(140 + p.dxMm)}mm;top:${String(52 + p.dyMm)}mm">核验二维码<br>（打印时生成）</div>`;
  return `<div class="card${p.preprinted ? ' pre' : ''}">
${p.preprinted ? '' : `<div class="ctitle">${esc(title)}</div>`}
${c.issue.reprint ? `<div class="reprint" style="left:${String(150 + p.dxMm)}mm;top:${String(12 + p.dyMm)}mm">补打</div>` : ''}
${field('name', f.person.name, p)}
${field('sex', sexText(f.person.sex), p)}
${field('birth', dateText(f.person.birthDate), p)}
${field('id', f.maskedId, p)}
${field('program', f.programLabel, p)}
${field('tier', c.tier || '—', p)}
${field('amount', f.amountFen ? `${yuanText(f.amountFen)}/月` : '—', p)}
${field('from', monthText(f.startMonth), p)}
${field('number', c.issue.number ?? '（打印时编号）', p)}
${qr}
<div class="val issuer" style="left:${String(112 + p.dxMm)}mm;top:${String(110 + p.dyMm)}mm">${esc(f.office.name)}（盖章）</div>
</div>`;
}

export function certificateDocument(title: string, cards: string[], layout: 'a4-two' | 'a5-one'): string {
  const perPage = layout === 'a4-two' ? 2 : 1;
  const pages: string[] = [];
  for (let i = 0; i < cards.length; i += perPage)
    pages.push(`<section class="page">${cards.slice(i, i + perPage).join('<div class="gap"></div>')}</section>`);
  return htmlDocument({
    title,
    landscape: layout === 'a5-one',
    marginMm: 10,
    css: certificateCss(layout),
    body: pages.join('\n'),
  }).replace(/size: A4 (landscape|portrait)/, layout === 'a5-one' ? 'size: A5 landscape' : 'size: A4 portrait');
}

function certificateCss(layout: 'a4-two' | 'a5-one'): string {
  return `
.page { height: ${layout === 'a4-two' ? '277mm' : '128mm'}; }
.gap { height: 12mm; }
.card { position: relative; width: ${String(CARD.widthMm)}mm; height: ${String(CARD.heightMm)}mm; border: 0.8pt solid #000; border-radius: 3mm; overflow: hidden; font-size: 11pt; }
.card.pre { border-color: transparent; }
.ctitle { position: absolute; left: 0; right: 0; top: 10mm; text-align: center; font-size: 18pt; font-weight: 700; letter-spacing: 3pt; }
.lbl, .val, .qrpos, .reprint { position: absolute; white-space: nowrap; line-height: 1; }
.lbl { color: #333; }
.val { font-weight: 700; }
.issuer { font-weight: 400; font-size: 10pt; }
.qrnote { text-align: center; font-size: 7pt; }
.qrpos.ph { width: 36mm; height: 36mm; border: 0.5pt dashed #999; color: #999; font-size: 8pt; text-align: center; padding-top: 14mm; }
.reprint { border: 0.8pt solid #000; padding: 1mm 2mm; font-weight: 700; }
`;
}

/** A ruler grid in millimetres on the card's outline: print it, lay it on the blank card, read the offset. */
export function calibrationPage(printer: string, p: Placement, layout: 'a4-two' | 'a5-one'): string {
  let lines = '';
  for (let x = 0; x <= CARD.widthMm; x += 1) {
    const major = x % 10 === 0;
    const mid = x % 5 === 0;
    lines += `<div class="tx" style="left:${String(x)}mm;height:${major ? '6' : mid ? '4' : '2'}mm"></div>`;
    if (major) lines += `<div class="nx" style="left:${String(x)}mm">${String(x)}</div>`;
  }
  for (let y = 0; y <= CARD.heightMm; y += 1) {
    const major = y % 10 === 0;
    const mid = y % 5 === 0;
    lines += `<div class="ty" style="top:${String(y)}mm;width:${major ? '6' : mid ? '4' : '2'}mm"></div>`;
    if (major && y > 0) lines += `<div class="ny" style="top:${String(y)}mm">${String(y)}</div>`;
  }
  let grid = '';
  for (let x = 10; x < CARD.widthMm; x += 10) grid += `<div class="gx" style="left:${String(x)}mm"></div>`;
  for (let y = 10; y < CARD.heightMm; y += 10) grid += `<div class="gy" style="top:${String(y)}mm"></div>`;
  const marks = Object.values(FIELDS)
    .map(
      (f) =>
        `<div class="mark" style="left:${String(f.x + VALUE_DX + p.dxMm)}mm;top:${String(f.y + p.dyMm)}mm">＋${esc(f.label.replace(/\u3000/g, ''))}</div>`,
    )
    .join('');
  const card = `<div class="card cal">${grid}${lines}${marks}
<div class="calnote">套打校准页 · 打印机：${esc(printer)} · 当前偏移 X ${String(p.dxMm)} mm，Y ${String(p.dyMm)} mm<br>
将本页覆在空白证卡上对光查看：“＋”应落在各栏填写位置的左上角；偏右或偏下几毫米，就把偏移减去几毫米。</div></div>`;
  return htmlDocument({
    title: `套打校准页（${printer}）`,
    landscape: layout === 'a5-one',
    marginMm: 10,
    css: `${certificateCss(layout)}
.tx { position: absolute; top: 0; border-left: 0.3pt solid #000; }
.ty { position: absolute; left: 0; border-top: 0.3pt solid #000; }
.nx { position: absolute; top: 6.5mm; font-size: 5pt; transform: translateX(-50%); }
.ny { position: absolute; left: 6.5mm; font-size: 5pt; transform: translateY(-50%); }
.gx { position: absolute; top: 0; bottom: 0; border-left: 0.2pt dotted #999; }
.gy { position: absolute; left: 0; right: 0; border-top: 0.2pt dotted #999; }
.mark { position: absolute; font-size: 8pt; color: #c00; transform: translate(-0.5em, -0.5em); }
.calnote { position: absolute; left: 20mm; right: 10mm; top: 118mm; font-size: 6.5pt; }`,
    body: `<section class="page">${card}</section>`,
  }).replace(/size: A4 (landscape|portrait)/, layout === 'a5-one' ? 'size: A5 landscape' : 'size: A4 portrait');
}
