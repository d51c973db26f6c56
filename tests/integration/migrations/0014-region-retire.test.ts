import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0014 region retire', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds retired_at to regions, keeping their rows live', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 10 });
    db.prepare(`INSERT INTO regions (code, name, level) VALUES ('420102001000', '花桥街道', 'township')`).run();
    expect(migrate(db, 14)).toBe(14);
    expect(db.prepare(`SELECT name, retired_at FROM regions`).get()).toEqual({ name: '花桥街道', retired_at: null });
    db.prepare(`UPDATE regions SET retired_at = '2026-01-01T00:00:00Z'`).run();
    expect(db.prepare(`SELECT retired_at FROM regions`).pluck().get()).toBe('2026-01-01T00:00:00Z');
    db.close();
  });
});
