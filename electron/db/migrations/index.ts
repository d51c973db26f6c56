import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../errors';
import { m0001Meta } from './0001-meta';
import { m0002UsersAudit } from './0002-users-audit';
import { m0003Registers } from './0003-registers';
import { m0004Lifecycle } from './0004-lifecycle';
import { m0005CheckDismissals } from './0005-check-dismissals';
import { m0006Payouts } from './0006-payouts';
import { m0007PayoutIndexes } from './0007-payout-indexes';
import { m0010PayoutMoney } from './0010-payout-money';
import { m0011PayoutSpeed } from './0011-payout-speed';
import { m0012Documents } from './0012-documents';
import { m0013Package } from './0013-package';
import { m0014RegionRetire } from './0014-region-retire';
import { m0015AuditImportRows } from './0015-audit-import-rows';
import { m0017BatchCells } from './0017-batch-cells';
import { m0018CityRosterDeflate } from './0018-city-roster-deflate';
import type { Migration } from './types';

/**
 * Every migration, in order, imported by name: a bundle cannot scan a folder.
 * A landed migration is never edited; a change is a new file.
 */
export const migrations: readonly Migration[] = [
  m0001Meta,
  m0002UsersAudit,
  m0003Registers,
  m0004Lifecycle,
  m0005CheckDismissals,
  m0006Payouts,
  m0007PayoutIndexes,
  m0010PayoutMoney,
  m0011PayoutSpeed,
  m0012Documents,
  m0013Package,
  m0014RegionRetire,
  m0015AuditImportRows,
  m0017BatchCells,
  m0018CityRosterDeflate,
];

// Numbers are reserved per task: until every branch has landed the list may have gaps, never disorder.
export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Brings the database to `target` (default: latest), each step in its own transaction. */
export function migrate(db: Database.Database, target = LATEST_SCHEMA_VERSION): number {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new AppError('DB_TOO_NEW', undefined, { schemaVersion: current });
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
