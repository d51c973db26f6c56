import {
  AlignmentType,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import QRCode from 'qrcode';
import type { CallContext } from '../../ipc/types';
import { actorOf } from '../../ipc/types';
import type { Store } from '../../db/store';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import { recordPrinted } from './numbers';
import { pagesOf, titleOf, type Planned } from './render';
import { issueItems } from './service';

/**
 * 审批表 and notices as .docx for offices that finish them in WPS or Word. The
 * text is that of the printed page (its headings, paragraphs and tables, read back
 * from our own template's HTML), so the two never say different things.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const plain = (html: string) =>
  html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .trim();

function table(html: string): Table {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...(m[1] ?? '').matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => {
      const span = /colspan="(\d+)"/.exec(c[2] ?? '');
      return new TableCell({
        columnSpan: span ? Number(span[1]) : undefined,
        children: plain(c[3] ?? '')
          .split('\n')
          .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: c[1] === 'th', size: 20 })] })),
      });
    });
    return new TableRow({ children: cells });
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** Headings, paragraphs and tables of a page, in order. */
function blocks(page: string): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const m of page.matchAll(/<(h1|h2|p|table)([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const [, tag, attrs, inner] = m;
    if (tag === 'table') {
      out.push(table(inner ?? ''));
      continue;
    }
    const text = plain(inner ?? '');
    if (!text) continue;
    out.push(
      new Paragraph({
        alignment: tag === 'h1' ? AlignmentType.CENTER : /doc-no/.test(attrs ?? '') ? AlignmentType.RIGHT : undefined,
        indent: /class="body"/.test(attrs ?? '') ? { firstLine: 480 } : undefined,
        spacing: { after: 120 },
        children: [new TextRun({ text, bold: tag !== 'p', size: tag === 'h1' ? 36 : tag === 'h2' ? 24 : 24 })],
      }),
    );
  }
  return out;
}

export async function exportDocx(cx: CallContext, store: Store, p: Planned) {
  const actor = actorOf(cx);
  const [item] = issueItems(cx.app, store, actor, [p]);
  if (!item) throw new Error('no item');
  const title = titleOf(p.kind, p.facts);
  const target = await chooseTarget(cx.app, '导出为 Word', `${safeFileName(title)}.docx`, 'docx');
  const paged = pagesOf(p.kind, [item], { dxMm: 0, dyMm: 0, preprinted: false }, title);
  const page = paged.pages.join('\n');
  // The office foot and seal are the last paragraphs of a notice; the QR goes under them.
  const children = blocks(page.replace(/<div class="seal">[\s\S]*?<\/div>/, ''));
  if (item.issue.code) {
    const png = await QRCode.toBuffer(item.issue.code, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    children.push(
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: png, transformation: { width: 113, height: 113 } })],
      }),
      new Paragraph({ children: [new TextRun({ text: `核验码：${item.issue.code}`, size: 14 })] }),
    );
  }
  const doc = new Document({
    styles: { default: { document: { run: { font: 'SimSun' } } } },
    sections: [{ children }],
  });
  const bytes = await Packer.toBuffer(doc);
  const file = await saveUserFile(cx.app, target, bytes);
  store.write(actor, (w) => {
    recordPrinted(
      w,
      item.record ? [item.record] : [],
      item.reprint ? [item.reprint] : [],
      cx.app.clock().toISOString(),
      actor.username,
    );
    w.audit({
      action: 'document.docx',
      entity: 'document',
      entityId: p.subject,
      after: {
        kind: p.kind,
        number: item.issue.number,
        reprint: item.issue.reprint,
        file: file.fileName,
        sha256: file.sha256,
      },
    });
  });
  return { fileName: file.fileName, number: item.issue.number };
}
