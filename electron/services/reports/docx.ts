import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { ReportSummary } from '../../../shared/contract/reports';

/** The work summary's figures as a Word document the office finishes in WPS or Word. */
export async function summaryDocx(s: ReportSummary): Promise<Buffer> {
  const font = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
  const doc = new Document({
    creator: 'Welfare Desk',
    title: s.title,
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 300 },
            children: [new TextRun({ text: s.title, bold: true, size: 36, font: { eastAsia: '方正小标宋简体' } })],
          }),
          ...s.sentences.map(
            (x) =>
              new Paragraph({
                indent: { firstLine: 640 },
                spacing: { line: 560 },
                children: [new TextRun({ text: x.text, size: 32, font })],
              }),
          ),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 400 },
            children: [new TextRun({ text: `${s.header.office}\u3000${s.header.date}`, size: 32, font })],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
