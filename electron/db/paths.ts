import { join } from 'node:path';

export interface DataPaths {
  dir: string;
  db: string;
  wal: string;
  shm: string;
  keyFile: string;
  /** Failed-login counters and login events waiting for the database to open (no secrets). */
  logins: string;
  backups: string;
  /** The audit head, MAC'd under the database key: tells a database that lost its newest rows. */
  anchor: string;
  /** Written before a restore swaps files, removed when it is done: an interrupted restore is finished at next open. */
  restoreJournal: string;
}

export function dataPaths(dir: string): DataPaths {
  const db = join(dir, 'welfare.db');
  return {
    dir,
    db,
    wal: `${db}-wal`,
    shm: `${db}-shm`,
    keyFile: join(dir, 'welfare.keys.json'),
    logins: join(dir, 'welfare.logins.json'),
    backups: join(dir, 'backups'),
    anchor: join(dir, 'welfare.anchor.json'),
    restoreJournal: join(dir, 'welfare.restore.json'),
  };
}
