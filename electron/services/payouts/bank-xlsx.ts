import { zipFiles } from '../files/zip';

/**
 * A one-sheet workbook of text cells, written as sheet XML straight into a zip:
 * a bank file of 50,000 lines in a small part of the time a general spreadsheet
 * library needs, because nothing but the cells is modelled. Every cell is an
 * inline string, so an account or ID number never becomes a number.
 */

// XML 1.0 forbids most control characters even escaped; a bank file has no use for them.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Two cheap tests per cell find the rare value that needs more than copying.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u001F&<>"\uFFFE\uFFFF]/;
const plain = (v: string) => !SPECIAL.test(v) && v.trim() === v;

function escapeXml(s: string): string {
  const clean = s.replace(INVALID, '');
  return clean.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A, B, …, Z, AA, …: the column letters of a cell reference. */
function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(ref: string, value: string): string {
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
// Cell style 1 is 文本 (number format 49): a clerk typing into the sheet keeps text too.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const workbook = (sheetName: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

export interface TextSheet {
  name: string;
  /** Column widths in characters. */
  widths: readonly number[];
  rows: readonly (readonly string[])[];
}

/** The workbook's bytes: deflate level 1, fast and still about a twentieth of the XML for text this repetitive. */
export function textWorkbook(sheet: TextSheet): Buffer {
  const width = Math.max(sheet.widths.length, ...sheet.rows.map((r) => r.length));
  const chunks: Buffer[] = [];
  let text = '';
  const letters = Array.from({ length: width }, (_v, i) => columnName(i));
  // Every cell carries its reference: Excel does without, but other readers (exceljs, some banks') need it.
  sheet.rows.forEach((row, i) => {
    const n = String(i + 1);
    text += `<row r="${n}">`;
    for (let c = 0; c < row.length; c++) {
      const v = row[c] ?? '';
      // Nearly every bank value is copied as it is; the rare one is escaped.
      text += plain(v)
        ? `<c r="${letters[c] ?? ''}${n}" t="inlineStr"><is><t>${v}</t></is></c>`
        : cellXml(`${letters[c] ?? ''}${n}`, v);
    }
    text += '</row>';
    // Encoded a few hundred rows at a time: short-lived strings, instead of one rope of megabytes to flatten.
    if (i % 512 === 511) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  });
  chunks.push(Buffer.from(text, 'utf8'));
  const cols = sheet.widths.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${String(i + 1)}" max="${String(i + 1)}" width="${String(w)}" customWidth="1" style="1"/>`).join('')}</cols>`
    : '';
  const dimension = sheet.rows.length && width ? `A1:${columnName(width - 1)}${String(sheet.rows.length)}` : 'A1';
  const xml = Buffer.concat([
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/>${cols}<sheetData>`,
      'utf8',
    ),
    ...chunks,
    Buffer.from('</sheetData></worksheet>', 'utf8'),
  ]);
  return zipFiles([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbook(sheet.name)],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', xml],
  ]);
}
