import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0003 registers', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('creates STRICT register tables whose constraints hold the basic invariants', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 2 });
    expect(migrate(db, 3)).toBe(3);
    for (const t of ['regions', 'persons', 'disability_certificates', 'enrolments', 'enrolment_events']) {
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    }
    db.prepare(`INSERT INTO regions (code, name, level) VALUES ('420102001000', '某街道', 'township')`).run();
    db.prepare(
      `INSERT INTO regions (code, name, level, parent_code) VALUES ('420102001001', '某社区', 'village', '420102001000')`,
    ).run();
    // A village needs its township; a township has none.
    expect(() =>
      db.prepare(`INSERT INTO regions (code, name, level) VALUES ('420102001002', '孤村', 'village')`).run(),
    ).toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO regions (code, name, level, parent_code) VALUES ('420102999001', '悬村', 'village', '420102999000')`,
        )
        .run(),
    ).toThrow();
    const person = (id: string) =>
      db
        .prepare(
          `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by)
           VALUES (?, '张三', 'zhangsan', 'zs', 'M', '1950-01-01', 't', 'u', 't', 'u')`,
        )
        .run(id).lastInsertRowid;
    const p = person('11010519491231002X');
    expect(() => person('11010519491231002X')).toThrow(/UNIQUE/);
    expect(() => person('1101051949')).toThrow(/CHECK/);
    const enrol = (status: string) =>
      db
        .prepare(
          `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (?, 'elderly', ?, '2025-01-01', 'u', 't', 't')`,
        )
        .run(p, status);
    enrol('active');
    // One open enrolment per person and program; closed ones are history.
    expect(() => enrol('applied')).toThrow(/UNIQUE/);
    enrol('stopped');
    enrol('stopped');
    // Disability enrolments need a certificate; children's need a mode.
    expect(() =>
      db
        .prepare(
          `INSERT INTO enrolments (person_id, program, applied_on, entered_by, created_at, updated_at) VALUES (?, 'disability-care', '2025-01-01', 'u', 't', 't')`,
        )
        .run(p),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO enrolments (person_id, program, applied_on, entered_by, created_at, updated_at) VALUES (?, 'orphan', '2025-01-01', 'u', 't', 't')`,
        )
        .run(p),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO enrolments (person_id, program, applied_on, entered_by, created_at, updated_at) VALUES (999, 'elderly', '2025-01-01', 'u', 't', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
