import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

const ID = '110105194012310016';

/** One person with a stopped enrolment and a re-application in the same program, and batches by status. */
function county(db: Database.Database): { batch: (from: string, status?: string) => number } {
  db.prepare(
    `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by)
     VALUES (?, '张三', 'zhangsan', 'zs', 'M', '1940-12-31', 't', 'li', 't', 'li')`,
  ).run(ID);
  for (const status of ['stopped', 'active'])
    db.prepare(
      `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', ?, '2026-01-05', 'li', 't', 't')`,
    ).run(status);
  let n = 0;
  return {
    batch: (from, status = 'locked') =>
      Number(
        db
          .prepare(
            `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, created_at, created_by, generated_at, generated_by, voided_at, void_reason)
             VALUES (?, 'elderly', ?, ?, ?, 't', 'li', 't', 'li', ?, ?)`,
          )
          .run(
            `FF-${String(++n)}`,
            from,
            from,
            status,
            status === 'voided' ? 't' : null,
            status === 'voided' ? '作废' : null,
          ).lastInsertRowid,
      ),
  };
}

const LINE = `INSERT INTO payout_lines (batch_id, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_account%s)
  VALUES (?, ?, 1, ?, ?, '80-89', '2000-01', 5000, ?, '张三', '${ID}', ?%s)`;
const RECOVERY = `INSERT INTO payout_recoveries (enrolment_id, person_id, month, amount_fen, reason, status, found_at, found_by, resolved_at, resolved_note)
  VALUES (1, 1, ?, 5000, '死亡后发放', ?, 't', 'li', ?, ?)`;

describe('migration 0010 payout money', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database.Database;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 7 });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('keeps the rows, gives lines their program, and tells cancelled recoveries from waived ones', () => {
    const { batch } = county(db);
    const jan = batch('2026-01');
    const line = db.prepare(LINE.replaceAll('%s', ''));
    line.run(jan, 1, '2026-01', 'regular', 5000, '6217000010000000001');
    line.run(jan, 1, '2026-02', 'difference', 1000, null);
    const rec = db.prepare(RECOVERY);
    rec.run('2026-02', 'waived', 't', '批次 FF202602-GL-01 已作废，该月未实际发放，无须追缴');
    rec.run('2026-03', 'waived', 't', '家属困难，负责人决定免予追缴');
    rec.run('2026-04', 'pending', null, null);
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'payout_recoveries'`).pluck().get()).toMatch(
      /STRICT/,
    );
    expect(db.prepare('SELECT program, recovered_by FROM payout_lines ORDER BY id').all()).toEqual([
      { program: 'elderly', recovered_by: null },
      { program: 'elderly', recovered_by: null },
    ]);
    expect(db.prepare('SELECT month, status FROM payout_recoveries ORDER BY id').all()).toEqual([
      { month: '2026-02', status: 'cancelled' },
      { month: '2026-03', status: 'waived' },
      { month: '2026-04', status: 'pending' },
    ]);
    expect(db.prepare('SELECT held_json FROM payout_batches').pluck().get()).toBe('[]');
  });

  it('holds one payment per person, program and month across enrolments, and frees a month paid back in full', () => {
    const { batch } = county(db);
    migrate(db, 10);
    const add = (batchId: number, enrolment: number, month: string, kind = 'regular', amount = 5000) =>
      Number(
        db
          .prepare(LINE.replace('%s', ', program').replace('%s', ", 'elderly'"))
          .run(batchId, enrolment, month, kind, amount, '6217000010000000001').lastInsertRowid,
      );
    const first = add(batch('2026-03'), 1, '2026-03');
    // The re-application (enrolment 2) may not pay March again, as back-pay or otherwise.
    expect(() => add(batch('2026-04'), 2, '2026-03', 'backpay')).toThrow(/UNIQUE/);
    // The month's money came back in full: the line is no longer live, and the month may be paid again.
    const r = Number(db.prepare(RECOVERY).run('2026-03', 'recovered', 't', '已退回').lastInsertRowid);
    db.prepare('UPDATE payout_lines SET recovered_by = ? WHERE id = ?').run(r, first);
    add(batch('2026-05'), 2, '2026-03', 'backpay');
    // A line's program is its batch's; a line without an account is refused; program and month are fixed.
    expect(() =>
      db
        .prepare(LINE.replace('%s', ', program').replace('%s', ", 'orphan'"))
        .run(batch('2026-06'), 2, '2026-06', 'regular', 5000, '6217000010000000001'),
    ).toThrow(/program of its batch/);
    expect(() =>
      db
        .prepare(LINE.replace('%s', ', program').replace('%s', ", 'elderly'"))
        .run(batch('2026-07'), 2, '2026-07', 'regular', 5000, null),
    ).toThrow(/bank_account is required/);
    expect(() => db.prepare(`UPDATE payout_lines SET month = '2026-09' WHERE id = ?`).run(first)).toThrow(/fixed/);
    // One pending recovery per enrolment and month; once resolved, a later overpayment is a recovery of its own.
    const rec = db.prepare(RECOVERY);
    rec.run('2026-08', 'pending', null, null);
    expect(() => rec.run('2026-08', 'pending', null, null)).toThrow(/UNIQUE/);
    db.prepare(`UPDATE payout_recoveries SET status = 'recovered', resolved_at = 't' WHERE month = '2026-08'`).run();
    rec.run('2026-08', 'pending', null, null);
    expect(() => rec.run('2026-08', 'unknown', 't', null)).toThrow(/CHECK/);
  });

  it('refuses to upgrade a database that already paid a month twice across enrolments, naming it', () => {
    const { batch } = county(db);
    const line = db.prepare(LINE.replaceAll('%s', ''));
    line.run(batch('2026-03'), 1, '2026-03', 'regular', 5000, '6217000010000000001');
    line.run(batch('2026-04'), 2, '2026-03', 'backpay', 5000, '6217000010000000001');
    expect(() => migrate(db, 10)).toThrow(/person 1 elderly 2026-03/);
    expect(schemaVersion(db)).toBe(7);
  });
});
