import type { Migration } from './types';

/**
 * Money rules of payouts that 0006 held per enrolment, now per person:
 * - Lines carry their batch's program (a trigger keeps it so), and "no month paid
 *   twice" is one live full payment per person, program and month: a
 *   re-application overlapping a stopped enrolment's months is refused too.
 * - A line whose money a recovery brought back in full (`recovered_by`) is no
 *   longer live: the month is unpaid again, so a reinstatement pays it again.
 * - No line without a bank account: a payee without one is held out of the batch
 *   (`held_json` lists them) and paid by a later batch once the account is entered.
 * - Recoveries: a `cancelled` status for one the system found is no longer owed
 *   (a reinstatement, a voided batch); one pending recovery per enrolment and
 *   month, while recovered, waived and cancelled ones stay as history.
 */
export const m0010PayoutMoney: Migration = {
  version: 10,
  name: 'payout-money',
  up(db) {
    const twice = db
      .prepare(
        `SELECT l.person_id AS person, b.program, l.month, count(*) AS n
         FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
         WHERE l.voided = 0 AND l.bank_status <> 'failed' AND l.kind IN ('regular', 'backpay', 'reissue')
         GROUP BY l.person_id, b.program, l.month HAVING count(*) > 1 LIMIT 5`,
      )
      .all() as Array<{ person: number; program: string; month: string }>;
    if (twice.length > 0)
      throw new Error(
        `payout_lines: a month paid twice across enrolments (${twice.map((t) => `person ${String(t.person)} ${t.program} ${t.month}`).join('; ')}); record a recovery and void one of the lines before upgrading`,
      );
    db.exec(`
      CREATE TABLE payout_recoveries_new (
        id            INTEGER PRIMARY KEY,
        enrolment_id  INTEGER NOT NULL REFERENCES enrolments (id),
        person_id     INTEGER NOT NULL REFERENCES persons (id),
        month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
        reason        TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recovered', 'waived', 'cancelled')),
        found_at      TEXT NOT NULL,
        found_by      TEXT NOT NULL,
        resolved_at   TEXT,
        resolved_by   TEXT,
        resolved_note TEXT,
        CHECK ((status = 'pending') = (resolved_at IS NULL))
      ) STRICT;
      -- Voiding marked the recoveries of months it left unpaid as waived; they were never owed, not forgiven.
      INSERT INTO payout_recoveries_new
        SELECT id, enrolment_id, person_id, month, amount_fen, reason,
               CASE WHEN status = 'waived' AND resolved_note LIKE '批次 % 已作废，该月未实际发放，无须追缴' THEN 'cancelled' ELSE status END,
               found_at, found_by, resolved_at, resolved_by, resolved_note
        FROM payout_recoveries;
      DROP TABLE payout_recoveries;
      ALTER TABLE payout_recoveries_new RENAME TO payout_recoveries;
      CREATE UNIQUE INDEX payout_recoveries_one_pending ON payout_recoveries (enrolment_id, month) WHERE status = 'pending';
      CREATE INDEX payout_recoveries_by_status ON payout_recoveries (status, person_id);
      CREATE INDEX payout_recoveries_by_person ON payout_recoveries (person_id, month);

      ALTER TABLE payout_lines ADD COLUMN program TEXT NOT NULL DEFAULT '';
      UPDATE payout_lines SET program = (SELECT b.program FROM payout_batches b WHERE b.id = payout_lines.batch_id);
      ALTER TABLE payout_lines ADD COLUMN recovered_by INTEGER REFERENCES payout_recoveries (id);
      CREATE TRIGGER payout_lines_program BEFORE INSERT ON payout_lines
        WHEN NEW.program <> (SELECT b.program FROM payout_batches b WHERE b.id = NEW.batch_id)
        BEGIN SELECT RAISE(ABORT, 'payout_lines.program must be the program of its batch'); END;
      CREATE TRIGGER payout_lines_program_fixed BEFORE UPDATE OF program, batch_id, month ON payout_lines
        BEGIN SELECT RAISE(ABORT, 'payout_lines: program, batch and month are fixed'); END;
      CREATE TRIGGER payout_lines_account BEFORE INSERT ON payout_lines
        WHEN coalesce(NEW.bank_account, '') = ''
        BEGIN SELECT RAISE(ABORT, 'payout_lines.bank_account is required: a payee without one is held out of the batch'); END;

      DROP INDEX payout_lines_one_payment;
      DROP INDEX payout_lines_one_difference;
      CREATE UNIQUE INDEX payout_lines_one_payment ON payout_lines (person_id, program, month)
        WHERE voided = 0 AND bank_status <> 'failed' AND recovered_by IS NULL AND kind IN ('regular', 'backpay', 'reissue');
      CREATE UNIQUE INDEX payout_lines_one_difference ON payout_lines (person_id, program, month, standard_fen)
        WHERE voided = 0 AND bank_status <> 'failed' AND recovered_by IS NULL AND kind = 'difference';
      -- What recoveries brought back in full, per month: few rows, read by every generation.
      CREATE INDEX payout_lines_recovered ON payout_lines (person_id, month) WHERE recovered_by IS NOT NULL;

      ALTER TABLE payout_batches ADD COLUMN held_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(held_json));
    `);
  },
};
