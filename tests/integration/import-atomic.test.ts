import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/errors';
import type * as EnrolmentService from '../../electron/services/enrolments/service';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

// The fourth enrolment of an import fails to save (as a constraint or a full disk would).
vi.mock('../../electron/services/enrolments/service', async (importOriginal) => {
  const mod = await importOriginal<typeof EnrolmentService>();
  let calls = 0;
  return {
    ...mod,
    saveEnrolment: (...args: Parameters<typeof mod.saveEnrolment>) => {
      if (args[2].note === '表格导入' && ++calls === 4) throw new AppError('ENROLMENT_EXISTS');
      return mod.saveEnrolment(...args);
    },
    // New people take the bulk path, which checks each application with `newEnrolment`.
    newEnrolment: (...args: Parameters<typeof mod.newEnrolment>) => {
      if (args[2].note === '表格导入' && ++calls === 4) throw new AppError('ENROLMENT_EXISTS');
      return mod.newEnrolment(...args);
    },
  };
});

describe('import commit is one transaction', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('writes all accepted rows or none: a failure on the fourth row leaves the database as it was', async () => {
    const before = contentDigest(t.app.currentStore()!.raw);
    const content = readFileSync(join(__dirname, '..', 'fixtures', 'import', 'good-elderly.xlsx')).toString('base64');
    const r = await invoke(t, 'li', 'import.commit', {
      fileName: 'good-elderly.xlsx',
      contentBase64: content,
      program: 'elderly',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'ENROLMENT_EXISTS' } });
    expect(!r.ok && r.error.message).toMatch(/^第 7 行：.*整个文件均未导入$/);
    expect(contentDigest(t.app.currentStore()!.raw)).toBe(before);
  });
});
