import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract';
import type { Program } from '../../shared/domain/programs';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

const DIR = join(__dirname, '..', 'fixtures', 'import');
const b64 = (f: string) => readFileSync(join(DIR, f)).toString('base64');

type Expect =
  | { program?: Program; fails: ErrorCode; message?: RegExp }
  | {
      program?: Program;
      accepted: number;
      errors?: string[];
      warnings?: string[];
      headerRows?: number[];
      skipped?: { blank: number; total: number };
    };

/** Every file of the corpus and what it must produce: `row:field:code` for each rejected field. */
export const CORPUS: Record<string, Expect> = {
  'good-elderly.xlsx': { accepted: 5, errors: [], headerRows: [3] },
  'good-disability.xlsx': { program: 'disability-living', accepted: 2, errors: [] },
  'good-orphan-bom.csv': { program: 'orphan', accepted: 2, errors: [] },
  'utf8-nobom.csv': { accepted: 5, errors: [] },
  'gbk.csv': { accepted: 5, errors: [] },
  'gb18030-rare-name.csv': { accepted: 1, errors: [] },
  'utf16-tab.txt': { accepted: 5, errors: [] },
  'title-rows-merged.xlsx': { accepted: 5, errors: [], headerRows: [4] },
  'two-row-header.xlsx': { program: 'disability-care', accepted: 2, errors: [] },
  'two-row-header-unmerged.xlsx': { program: 'disability-care', accepted: 1, errors: [], headerRows: [1, 2] },
  'merged-township.xlsx': { accepted: 4, errors: [] },
  'second-sheet.xlsx': { accepted: 5, errors: [] },
  'header-variants.xlsx': { accepted: 2, errors: [] },
  'id15.xlsx': { accepted: 2, errors: [] },
  'legacy.xls': { accepted: 2, errors: ['5:idNumber:ID_DAMAGED'], headerRows: [2] },
  'damaged-ids.xlsx': {
    accepted: 1,
    errors: ['2:idNumber:ID_DAMAGED', '3:idNumber:ID_DAMAGED', '4:idNumber:ID_DAMAGED', '5:idNumber:ID_DAMAGED'],
  },
  'wrong-check-digit.xlsx': { accepted: 1, errors: ['2:idNumber:ID_CHECKSUM'] },
  'bad-birthdate-format.xlsx': {
    accepted: 0,
    errors: ['2:idNumber:ID_BIRTHDATE', '3:idNumber:ID_FORMAT', '4:idNumber:ID_FORMAT'],
  },
  'duplicates.xlsx': { accepted: 2, errors: ['4:idNumber:DUPLICATE_IN_FILE', '5:idNumber:DUPLICATE_IN_FILE'] },
  'unknown-village.xlsx': { accepted: 1, errors: ['2:village:REGION_UNKNOWN', '3:township:REGION_UNKNOWN'] },
  'formula-cells.xlsx': { accepted: 1, errors: ['3:idNumber:MISSING_FIELD'] },
  'totals-and-blanks.xlsx': { accepted: 3, errors: [], skipped: { blank: 2, total: 2 } },
  'certificates.xlsx': {
    program: 'disability-living',
    accepted: 0,
    errors: [
      '2:certificate:CERT_MISMATCH',
      '3:certificate:CERT_CATEGORY',
      '4:certificate:CERT_GRADE',
      '5:category:CERT_CATEGORY',
      '6:grade:CERT_GRADE',
      '7:certificate:MISSING_FIELD',
      '8:dibao:NOT_ELIGIBLE',
    ],
  },
  'care-grades.xlsx': {
    program: 'disability-care',
    accepted: 1,
    errors: ['3:grade:NOT_ELIGIBLE', '4:grade:NOT_ELIGIBLE'],
  },
  'too-young.xlsx': { accepted: 1, errors: ['2:idNumber:NOT_ELIGIBLE'] },
  'bad-names.xlsx': { accepted: 1, errors: ['2:name:NAME_INVALID', '3:name:NAME_INVALID', '4:name:MISSING_FIELD'] },
  'luhn-warning.xlsx': {
    accepted: 2,
    errors: [],
    warnings: ['2:bankAccount:BANK_LUHN', '3:bankAccount:BANK_ACCOUNT_FORMAT'],
  },
  'date-cells.xlsx': { accepted: 1, errors: ['3:birthDate:ID_BIRTHDATE'] },
  'oversized.csv': { accepted: 4000, errors: [] },
  'needs-mapping.xlsx': { fails: 'HEADER_NOT_FOUND', message: /找不到表头/ },
  'no-header.xlsx': { fails: 'HEADER_NOT_FOUND' },
  'empty.xlsx': { fails: 'FILE_EMPTY' },
  'empty.csv': { fails: 'FILE_EMPTY' },
  'report.pdf': { fails: 'FILE_TYPE', message: /不支持/ },
  'renamed-text.xlsx': { fails: 'FILE_UNREADABLE', message: /扩展名/ },
  'truncated.xlsx': { fails: 'FILE_UNREADABLE' },
  'zip-bomb.xlsx': { fails: 'FILE_UNSAFE', message: /压缩炸弹/ },
  'zip-bomb-lying.xlsx': { fails: 'FILE_UNSAFE', message: /压缩炸弹/ },
  'absurd-dimensions.xlsx': { fails: 'FILE_UNSAFE', message: /1048576 行 × 16384 列/ },
};

const codes = (list: Array<{ row: number; field: string; code: string }>) =>
  list.map((e) => `${e.row}:${e.field}:${e.code}`);

describe('import corpus', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const digest = () => contentDigest(t.app.currentStore()!.raw);
  beforeAll(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterAll(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('has at least 30 files', () => expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(30));

  for (const [file, want] of Object.entries(CORPUS)) {
    it(`${file}: expected report, database unchanged by the dry run`, async () => {
      const before = digest();
      const input = { fileName: file, contentBase64: b64(file), program: want.program ?? 'elderly' };
      const r = await invoke(t, 'li', 'import.preview', input);
      if ('fails' in want) {
        expect(r).toMatchObject({ ok: false, error: { code: want.fails } });
        if (!r.ok && want.message) expect(r.error.message).toMatch(want.message);
        // A refused file is refused by the commit too, and nothing is written.
        expect(await invoke(t, 'li', 'import.commit', input)).toMatchObject({ ok: false, error: { code: want.fails } });
      } else {
        if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
        expect(r.value.committed).toBe(false);
        expect(r.value.accepted).toBe(want.accepted);
        expect(codes(r.value.errors)).toEqual(want.errors ?? []);
        expect(r.value.rejected).toBe(new Set(r.value.errors.map((e) => e.row)).size);
        if (want.warnings) expect(codes(r.value.warningItems)).toEqual(want.warnings);
        if (want.headerRows) expect(r.value.headerRows).toEqual(want.headerRows);
        if (want.skipped) expect(r.value.skippedRows).toEqual(want.skipped);
        for (const e of r.value.errors) expect(e.message).toMatch(/^[\u4e00-\u9fff（）]+：/);
      }
      expect(digest()).toBe(before);
    });
  }
});
