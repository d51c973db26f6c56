import type { Migration } from './types';

/**
 * Deleting a draft's lines (regenerating it) checks the foreign key
 * `payout_lines.reissue_of` for every deleted row. The partial unique index on
 * that column cannot serve the check, so without a plain index each delete
 * scanned the table: regenerating a 50,000-line draft took over a minute.
 * Recording a death looks up the person's paid lines, by person; batch views
 * count the bank's failed lines.
 */
export const m0007PayoutIndexes: Migration = {
  version: 7,
  name: 'payout-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX payout_lines_by_reissue ON payout_lines (reissue_of) WHERE reissue_of IS NOT NULL;
      CREATE INDEX payout_recoveries_by_status ON payout_recoveries (status, person_id);
      -- A death looks up the person's paid months; no query looks lines up by enrolment alone
      -- (the partial unique index on enrolment and month serves those that do).
      DROP INDEX payout_lines_by_enrolment;
      CREATE INDEX payout_lines_by_person ON payout_lines (person_id, month);
      -- Every batch view counts the program's failed lines awaiting a reissue: few rows, found without a scan.
      CREATE INDEX payout_lines_failed ON payout_lines (batch_id) WHERE bank_status = 'failed';
    `);
  },
};
