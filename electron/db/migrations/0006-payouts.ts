import type { Migration } from './types';

/** The default 一卡通 layout: what most county banks accept, and a start for the office's own templates. */
const DEFAULT_TEMPLATE_COLUMNS = JSON.stringify([
  { field: 'seq', header: '序号', width: 6 },
  { field: 'reference', header: '流水号', width: 12 },
  { field: 'name', header: '姓名', width: 20 },
  { field: 'idNumber', header: '身份证号', width: 18 },
  { field: 'account', header: '一卡通账号', width: 19 },
  { field: 'amountYuan', header: '金额', width: 12 },
  { field: 'note', header: '摘要', width: 30 },
]);

/**
 * Payout batches and their lines, recoveries of overpaid months, and bank file
 * templates. The rule that no month is paid twice is held here, by partial
 * unique indexes, not only by the code that generates batches:
 * - one live payment of the full amount (regular, back-pay or reissue) per
 *   enrolment and entitlement month, where live means not voided and not
 *   returned as failed by the bank (a failed line frees its month for a reissue);
 * - one live difference line per enrolment, month and standard it tops up to.
 */
export const m0006Payouts: Migration = {
  version: 6,
  name: 'payouts',
  up(db) {
    db.exec(`
      CREATE TABLE payout_batches (
        id           INTEGER PRIMARY KEY,
        batch_no     TEXT NOT NULL UNIQUE,
        program      TEXT NOT NULL CHECK (program IN ('disability-living', 'disability-care', 'orphan', 'unattended-child', 'elderly')),
        period_from  TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        period_to    TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND period_to >= period_from),
        status       TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'locked', 'exported', 'returned', 'voided')),
        line_count   INTEGER NOT NULL DEFAULT 0,
        total_fen    INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        generated_by TEXT NOT NULL,
        reviewed_at  TEXT,
        reviewed_by  TEXT,
        locked_at    TEXT,
        locked_by    TEXT,
        exported_at  TEXT,
        exported_by  TEXT,
        returned_at  TEXT,
        returned_by  TEXT,
        voided_at    TEXT,
        voided_by    TEXT,
        void_reason  TEXT,
        CHECK ((status = 'voided') = (voided_at IS NOT NULL AND void_reason IS NOT NULL))
      ) STRICT;
      -- One live batch per program and period.
      CREATE UNIQUE INDEX payout_batches_one_live ON payout_batches (program, period_from) WHERE status <> 'voided';

      CREATE TABLE payout_lines (
        id             INTEGER PRIMARY KEY,
        batch_id       INTEGER NOT NULL REFERENCES payout_batches (id),
        enrolment_id   INTEGER NOT NULL REFERENCES enrolments (id),
        person_id      INTEGER NOT NULL REFERENCES persons (id),
        month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        kind           TEXT NOT NULL CHECK (kind IN ('regular', 'backpay', 'difference', 'reissue')),
        category       TEXT NOT NULL,
        standard_from  TEXT NOT NULL,
        standard_fen   INTEGER NOT NULL CHECK (standard_fen > 0),
        amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
        reissue_of     INTEGER REFERENCES payout_lines (id),
        -- The payee as it was when the batch was generated: a locked roster does not change with the register.
        name           TEXT NOT NULL,
        id_number      TEXT NOT NULL,
        bank_name      TEXT,
        bank_account   TEXT,
        account_holder TEXT,
        township       TEXT,
        village        TEXT,
        note           TEXT NOT NULL DEFAULT '',
        voided         INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
        bank_status    TEXT NOT NULL DEFAULT 'pending' CHECK (bank_status IN ('pending', 'paid', 'failed')),
        bank_reason    TEXT,
        CHECK ((kind = 'reissue') = (reissue_of IS NOT NULL)),
        CHECK (kind = 'difference' OR amount_fen = standard_fen)
      ) STRICT;
      CREATE INDEX payout_lines_by_batch ON payout_lines (batch_id, id);
      CREATE INDEX payout_lines_by_enrolment ON payout_lines (enrolment_id, month);
      CREATE UNIQUE INDEX payout_lines_one_payment ON payout_lines (enrolment_id, month)
        WHERE voided = 0 AND bank_status <> 'failed' AND kind IN ('regular', 'backpay', 'reissue');
      CREATE UNIQUE INDEX payout_lines_one_difference ON payout_lines (enrolment_id, month, standard_fen)
        WHERE voided = 0 AND bank_status <> 'failed' AND kind = 'difference';
      -- A failed line is reissued at most once while the reissue is live.
      CREATE UNIQUE INDEX payout_lines_one_reissue ON payout_lines (reissue_of) WHERE voided = 0 AND reissue_of IS NOT NULL;

      CREATE TABLE payout_recoveries (
        id            INTEGER PRIMARY KEY,
        enrolment_id  INTEGER NOT NULL REFERENCES enrolments (id),
        person_id     INTEGER NOT NULL REFERENCES persons (id),
        month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
        reason        TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recovered', 'waived')),
        found_at      TEXT NOT NULL,
        found_by      TEXT NOT NULL,
        resolved_at   TEXT,
        resolved_by   TEXT,
        resolved_note TEXT,
        CHECK ((status = 'pending') = (resolved_at IS NULL))
      ) STRICT;
      -- A month overpaid is one recovery, whatever becomes of it.
      CREATE UNIQUE INDEX payout_recoveries_one ON payout_recoveries (enrolment_id, month);

      CREATE TABLE bank_templates (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
        format            TEXT NOT NULL CHECK (format IN ('xlsx', 'csv', 'txt')),
        encoding          TEXT NOT NULL CHECK (encoding IN ('utf8', 'gbk')),
        header_row        INTEGER NOT NULL DEFAULT 1 CHECK (header_row IN (0, 1)),
        columns_json      TEXT NOT NULL CHECK (json_valid(columns_json) AND json_array_length(columns_json) > 0),
        file_name_pattern TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        updated_by        TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare(
      `INSERT INTO bank_templates (name, format, encoding, header_row, columns_json, file_name_pattern, updated_at, updated_by)
       VALUES ('一卡通（默认）', 'xlsx', 'utf8', 1, ?, '{program}-{period}-{batchNo}', '1970-01-01T00:00:00.000Z', 'system')`,
    ).run(DEFAULT_TEMPLATE_COLUMNS);
  },
};
