import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0012 documents', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds STRICT counters, documents unique by number, by subject and by series/year/seq, and calibrations', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 10 });
    migrate(db, 12);
    expect(schemaVersion(db)).toBe(12);
    for (const t of ['document_counters', 'documents', 'print_calibrations'])
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    db.prepare(
      `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, dibao, tekun, injury_care, created_at, created_by, updated_at, updated_by)
       VALUES ('110101194001011234', '张三', 'zhangsan', 'zs', 'M', '1940-01-01', 'none', 'none', 0, 't', 'u', 't', 'u')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO documents (kind, subject, series, year, seq, number, person_id, program, issued_at, issued_by, last_printed_at)
       VALUES (?, ?, 'cert', 2026, ?, ?, 1, 'elderly', 't', 'u', 't')`,
    );
    add.run('certificate', 'enrolment:1', 1, 'A1');
    expect(() => add.run('certificate', 'enrolment:2', 2, 'A1')).toThrow(/UNIQUE/);
    expect(() => add.run('certificate', 'enrolment:1', 3, 'A3')).toThrow(/UNIQUE/);
    expect(() => add.run('certificate', 'enrolment:4', 1, 'A4')).toThrow(/UNIQUE/);
    expect(() => add.run('approval-form', 'enrolment:5', 5, 'A5')).toThrow(/CHECK/);
    const cal = db.prepare(
      `INSERT INTO print_calibrations (workstation, template, printer, dx_mm, dy_mm, updated_at, updated_by) VALUES ('pc', 'certificate', 'p', ?, 0, 't', 'u')`,
    );
    expect(() => cal.run(31)).toThrow(/CHECK/);
    cal.run(3);
    db.close();
  });
});
