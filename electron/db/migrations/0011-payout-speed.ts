import type { Migration } from './types';

/**
 * Every batch view counts the program's failed lines still waiting for a
 * reissue. Failed lines of voided batches (a bank that paid none of a file) stay
 * in the table for good; the count must not visit them, so the index holds only
 * live failed lines, by program and person-month (what the reissue check joins on).
 */
export const m0011PayoutSpeed: Migration = {
  version: 11,
  name: 'payout-speed',
  up(db) {
    db.exec(`
      CREATE INDEX payout_lines_failed_live ON payout_lines (program, person_id, month)
        WHERE bank_status = 'failed' AND voided = 0;
    `);
  },
};
