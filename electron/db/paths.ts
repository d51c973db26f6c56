import { join } from 'node:path';

export interface DataPaths {
  dir: string;
  db: string;
  wal: string;
  shm: string;
  keyFile: string;
}

export function dataPaths(dir: string): DataPaths {
  const db = join(dir, 'welfare.db');
  return { dir, db, wal: `${db}-wal`, shm: `${db}-shm`, keyFile: join(dir, 'welfare.keys.json') };
}
