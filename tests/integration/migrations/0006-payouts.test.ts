import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

const ID = '110105194012310016';

function county(db: Database.Database): { enrolment: number; person: number } {
  db.prepare(
    `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by)
              VALUES (?, '张三', 'zhangsan', 'zs', 'M', '1940-12-31', 't', 'li', 't', 'li')`,
  ).run(ID);
  db.prepare(
    `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', 'active', '2026-01-05', 'li', 't', 't')`,
  ).run();
  return { enrolment: 1, person: 1 };
}

describe('migration 0006 payouts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database.Database;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 5 });
    migrate(db, 6);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const batch =
    (db0: Database.Database) =>
    (program: string, from: string, status = 'draft') =>
      Number(
        db0
          .prepare(
            `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, created_at, created_by, generated_at, generated_by, voided_at, void_reason)
                  VALUES (?, ?, ?, ?, ?, 't', 'li', 't', 'li', ?, ?)`,
          )
          .run(
            `FF-${from}-${program}-${String(Math.random())}`,
            program,
            from,
            from,
            status,
            status === 'voided' ? 't' : null,
            status === 'voided' ? '作废' : null,
          ).lastInsertRowid,
      );
  const line = (
    batchId: number,
    month: string,
    kind = 'regular',
    amount = 5000,
    standard = 5000,
    reissueOf: number | null = null,
  ) =>
    Number(
      db
        .prepare(
          `INSERT INTO payout_lines (batch_id, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, reissue_of, name, id_number)
                  VALUES (?, 1, 1, ?, ?, '80-89', '2000-01', ?, ?, ?, '张三', ?)`,
        )
        .run(batchId, month, kind, standard, amount, reissueOf, ID).lastInsertRowid,
    );

  it('adds STRICT tables, a default 一卡通 template, and holds "no month paid twice" in the database', () => {
    expect(schemaVersion(db)).toBe(6);
    for (const t of ['payout_batches', 'payout_lines', 'payout_recoveries', 'bank_templates']) {
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    }
    expect(db.prepare('SELECT name, format, encoding FROM bank_templates').all()).toEqual([
      { name: '一卡通（默认）', format: 'xlsx', encoding: 'utf8' },
    ]);
    county(db);
    const b = batch(db);
    const first = line(b('elderly', '2026-02'), '2026-02');
    // The same month again, in another batch and as back-pay: refused by the index.
    expect(() => line(b('elderly', '2026-03'), '2026-02', 'backpay')).toThrow(/UNIQUE/);
    // A second live batch for the same program and period: refused.
    expect(() => b('elderly', '2026-02')).toThrow(/UNIQUE/);
    // A retroactive rise tops the month up once per standard.
    const b4 = b('elderly', '2026-04');
    line(b4, '2026-02', 'difference', 1000, 6000);
    expect(() => line(b4, '2026-02', 'difference', 1000, 6000)).toThrow(/UNIQUE/);
    // The bank returns the line as failed: the month is free for one reissue, not two.
    db.prepare(`UPDATE payout_lines SET bank_status = 'failed', bank_reason = '账户已销户' WHERE id = ?`).run(first);
    const b5 = b('elderly', '2026-05');
    line(b5, '2026-02', 'reissue', 5000, 5000, first);
    expect(() => line(b5, '2026-02', 'reissue', 5000, 5000, first)).toThrow(/UNIQUE/);
    // Voiding frees the months of a batch.
    db.prepare(`UPDATE payout_lines SET voided = 1 WHERE batch_id = ?`).run(b5);
    line(b('elderly', '2026-06'), '2026-02', 'reissue', 5000, 5000, first);
    // Amounts are integer fen, never zero, and a full payment pays the standard.
    expect(() => line(b('elderly', '2026-07'), '2026-07', 'regular', 4999, 5000)).toThrow(/CHECK/);
    expect(() => line(b('elderly', '2026-08'), '2026-08', 'regular', 50.5, 50.5)).toThrow(/INTEGER|CHECK|datatype/i);
    // Voided batches need a reason; recoveries are one per month.
    expect(() => db.prepare(`UPDATE payout_batches SET status = 'voided' WHERE id = ?`).run(b5)).toThrow(/CHECK/);
    const rec = db.prepare(
      `INSERT INTO payout_recoveries (enrolment_id, person_id, month, amount_fen, reason, found_at, found_by) VALUES (1, 1, ?, 5000, '死亡后发放', 't', 'li')`,
    );
    rec.run('2026-03');
    expect(() => rec.run('2026-03')).toThrow(/UNIQUE/);
  });
});
