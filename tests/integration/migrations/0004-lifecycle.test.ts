import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0004 lifecycle, standards, policy', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds the lifecycle columns to existing enrolments and the STRICT rate and policy tables', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 3 });
    db.prepare(
      `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by) VALUES ('11010519491231002X', '张三', 'zhangsan', 'zs', 'M', '1949-12-31', 't', 'u', 't', 'u')`,
    ).run();
    db.prepare(
      `INSERT INTO enrolments (person_id, program, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', '2025-01-01', 'u', 't', 't')`,
    ).run();
    expect(migrate(db, 4)).toBe(4);
    expect(db.prepare('SELECT approved_on, publicity_to FROM enrolments').get()).toEqual({
      approved_on: null,
      publicity_to: null,
    });
    for (const t of ['standards', 'policy_settings'])
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    const add = db.prepare(
      `INSERT INTO standards (program, category, from_month, amount_fen, created_at, created_by) VALUES ('elderly', '80-89', ?, ?, 't', 'u')`,
    );
    add.run('2025-01', 5000);
    add.run('2026-01', 6000);
    expect(() => add.run('2026-01', 7000)).toThrow(/UNIQUE/);
    expect(() => add.run('2026-1', 7000)).toThrow(/CHECK/);
    expect(() => add.run('2027-01', -1)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO policy_settings (key, value, from_month, created_at, created_by) VALUES ('k', '{bad', '2025-01', 't', 'u')`,
        )
        .run(),
    ).toThrow();
    db.close();
  });
});
