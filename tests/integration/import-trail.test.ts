import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

const DIR = join(__dirname, '..', 'fixtures', 'import');
const file = (f: string) => ({ fileName: f, contentBase64: readFileSync(join(DIR, f)).toString('base64') });

/** Issue 16.7: new people of an import are named in one audit row's trail, which `audit verify` proves. */
describe('import trail', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const db = () => t.app.currentStore()!.raw;
  const count = (sql: string) => Number(db().prepare(sql).pluck().get());
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('names every person created under one chained audit row, and verify proves the trail', async () => {
    const audits = count('SELECT count(*) FROM audit_log');
    const r = await invoke(t, 'li', 'import.commit', { ...file('good-elderly.xlsx'), program: 'elderly' });
    expect(r).toMatchObject({ ok: true, value: { created: 5 } });
    // One audit row for the import, none per person or application.
    expect(count('SELECT count(*) FROM audit_log')).toBe(audits + 1);
    const head = db().prepare(`SELECT seq, after_json FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as {
      seq: number;
      after_json: string;
    };
    expect(JSON.parse(head.after_json)).toMatchObject({ created: 5, createdRows: { count: 5 } });
    const trail = db()
      .prepare(
        `SELECT t.row, t.person_id, t.enrolment_id, p.name, e.program, e.note, t.row_hash
           FROM audit_import_rows t JOIN persons p ON p.id = t.person_id JOIN enrolments e ON e.id = t.enrolment_id
          WHERE t.audit_seq = ? ORDER BY t.row`,
      )
      .all(head.seq) as Array<{
      row: number;
      person_id: number;
      enrolment_id: number;
      name: string;
      program: string;
      note: string;
      row_hash: string;
    }>;
    expect(trail).toHaveLength(5);
    expect(trail.every((x) => x.program === 'elderly' && /^[0-9a-f]{64}$/.test(x.row_hash))).toBe(true);
    expect(new Set(trail.map((x) => x.row)).size).toBe(5);
    // The application's history has its `created` event, as a form entry has.
    expect(count(`SELECT count(*) FROM enrolment_events WHERE kind = 'created'`)).toBeGreaterThanOrEqual(5);
    expect(await invoke(t, 'admin', 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });

    // The table is append-only like the log.
    expect(() => db().prepare(`UPDATE audit_import_rows SET row_hash = row_hash`).run()).toThrow(/append-only/);
    expect(() => db().prepare(`DELETE FROM audit_import_rows`).run()).toThrow(/append-only/);

    // Someone holding the key drops the guard and changes a row: verify names the import.
    db().exec(`DROP TRIGGER audit_import_rows_no_update; DROP TRIGGER audit_import_rows_no_delete`);
    db()
      .prepare(`UPDATE audit_import_rows SET row_hash = ? WHERE audit_seq = ? AND row = ?`)
      .run('0'.repeat(64), head.seq, trail[2]!.row);
    expect(await invoke(t, 'admin', 'audit.verify', {})).toMatchObject({
      ok: true,
      value: { ok: false, firstBroken: { seq: head.seq, reason: expect.stringMatching(/导入新增人员记录被改动/) } },
    });
    db()
      .prepare(`UPDATE audit_import_rows SET row_hash = ? WHERE audit_seq = ? AND row = ?`)
      .run(trail[2]!.row_hash, head.seq, trail[2]!.row);
    expect(await invoke(t, 'admin', 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });

    // A deleted row, then a row no audit row claims.
    db().prepare(`DELETE FROM audit_import_rows WHERE audit_seq = ? AND row = ?`).run(head.seq, trail[0]!.row);
    expect(await invoke(t, 'admin', 'audit.verify', {})).toMatchObject({
      ok: true,
      value: { ok: false, firstBroken: { seq: head.seq, reason: expect.stringMatching(/记为 5 人.*为 4 人/) } },
    });
    const stray = db()
      .prepare(`SELECT seq FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get(head.seq);
    db()
      .prepare(
        `INSERT INTO audit_import_rows (audit_seq, row, person_id, enrolment_id, row_hash) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(head.seq, trail[0]!.row, trail[0]!.person_id, trail[0]!.enrolment_id, trail[0]!.row_hash);
    db()
      .prepare(
        `INSERT INTO audit_import_rows (audit_seq, row, person_id, enrolment_id, row_hash) VALUES (?, 2, 1, NULL, ?)`,
      )
      .run(stray, '1'.repeat(64));
    const cli = await runCliInProcess(['audit', 'verify', '--data', tmp.dir, '--user', ADMIN.username], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(cli.code).toBe(1);
    expect(cli.stdout + cli.stderr).toMatch(new RegExp(`第 ${String(stray)} 条.*日志未记载`));
  });

  it('keeps a refused row from leaving any trail', async () => {
    const before = count('SELECT count(*) FROM audit_import_rows');
    const r = await invoke(t, 'li', 'import.commit', { ...file('legacy.xls'), program: 'elderly' });
    expect(r).toMatchObject({ ok: true, value: { accepted: 2, rejected: 1 } });
    // Only accepted rows are named; the refused row 5 is not.
    expect(db().prepare(`SELECT row FROM audit_import_rows ORDER BY row`).pluck().all()).toEqual(
      expect.not.arrayContaining([5]),
    );
    expect(count('SELECT count(*) FROM audit_import_rows')).toBe(before + 2);
  });
});
