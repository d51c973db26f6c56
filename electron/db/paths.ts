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
  };
}
