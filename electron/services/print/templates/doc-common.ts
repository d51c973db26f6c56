import QRCode from 'qrcode';
import { formatFen } from '../../../../shared/domain/money';
import type { DocFacts, Issue } from '../doc-types';
import { esc } from './common';

/** A QR code as inline SVG (templates are static: no images to load, no scripts). */
export function qrSvg(text: string, sizeMm: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  let d = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${String(c + quiet)} ${String(r + quiet)}h1v1h-1z`;
  const w = n + quiet * 2;
  return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(w)} ${String(w)}" width="${String(sizeMm)}mm" height="${String(sizeMm)}mm" shape-rendering="crispEdges"><rect width="${String(w)}" height="${String(w)}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** The code as text under the QR, in groups a verifier can type. */
export function codeText(code: string): string {
  const sig = code.slice(code.lastIndexOf('|') + 1);
  const head = code.slice(0, code.lastIndexOf('|') + 1);
  return `${esc(head)}<br>${esc(sig.match(/.{1,22}/g)?.join(' ') ?? sig)}`;
}

export const yuanText = (fen: number) => `${formatFen(fen)} 元`;

export function monthText(m: string | null): string {
  if (!m) return '—';
  return `${m.slice(0, 4)}年${String(Number(m.slice(5, 7)))}月`;
}

export function dateText(d: string | null): string {
  if (!d) return '—';
  return `${d.slice(0, 4)}年${String(Number(d.slice(5, 7)))}月${String(Number(d.slice(8, 10)))}日`;
}

export const sexText = (s: 'M' | 'F') => (s === 'M' ? '男' : '女');

export function numberLine(issue: Issue): string {
  const number = issue.number ? esc(issue.number) : '（打印时编号）';
  return `<p class="doc-no">${number}${issue.reprint ? '<span class="reprint">补打</span>' : ''}</p>`;
}

/** Office, address, phone and the seal box at the foot of notices. */
export function officeFoot(f: DocFacts, date: string): string {
  const s = f.office.settings;
  return `<div class="office-foot">
<div class="seal">${esc(s.sealText || f.office.name)}<br><span class="small">（盖章）</span></div>
<p>${esc(f.office.name)}</p><p>${esc(dateText(date))}</p>
${s.address || s.phone ? `<p class="small">${s.address ? `地址：${esc(s.address)}\u3000` : ''}${s.phone ? `电话：${esc(s.phone)}` : ''}</p>` : ''}
</div>`;
}

export function qrBlock(issue: Issue): string {
  if (!issue.code) return `<div class="qr-block"><div class="qr-placeholder">核验二维码<br>（打印时生成）</div></div>`;
  return `<div class="qr-block">${qrSvg(issue.code, 30)}<div class="code">扫码或输入核验码在“证件核验”中查验：<br><span class="mono">${codeText(issue.code)}</span></div></div>`;
}

export const DOC_CSS = `
.page { position: relative; }
.doc-no { text-align: right; margin: 0 0 2mm; font-size: 9pt; }
.reprint { margin-left: 3mm; padding: 0 1.5mm; border: 0.8pt solid #000; font-weight: 700; }
.doc h1 { font-size: 17pt; margin: 2mm 0 5mm; letter-spacing: 2pt; }
.doc p { margin: 0 0 2.2mm; font-size: 11pt; line-height: 1.7; }
.doc .to { font-size: 11.5pt; }
.doc .body { text-indent: 2em; }
.office-foot { margin: 8mm 0 0 auto; width: 70mm; text-align: center; position: relative; }
.office-foot p { margin: 0 0 1mm; text-indent: 0; }
.seal { position: absolute; right: 8mm; top: -14mm; width: 34mm; height: 34mm; border: 1pt dashed #999; border-radius: 50%; color: #999; font-size: 8pt; display: flex; flex-direction: column; align-items: center; justify-content: center; }
.qr-block { display: flex; gap: 3mm; align-items: center; margin-top: 6mm; border-top: 0.5pt solid #999; padding-top: 3mm; }
.qr-block .code { font-size: 6.5pt; color: #333; word-break: break-all; }
.qr-placeholder { width: 30mm; height: 30mm; border: 0.5pt dashed #999; display: flex; align-items: center; justify-content: center; text-align: center; color: #999; font-size: 7pt; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9.5pt; }
.form th, .form td { border: 0.6pt solid #000; padding: 1mm 1.5mm; height: 8mm; text-align: left; vertical-align: middle; }
.form th { font-weight: 400; background: #f2f2f2; width: 24mm; }
.form td.opinion { height: 30mm; vertical-align: top; position: relative; }
.opinion .foot { position: absolute; right: 3mm; bottom: 2mm; }
`;
