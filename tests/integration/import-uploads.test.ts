import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_IDLE_MS, UploadStore } from '../../electron/services/uploads/store';
import { UPLOAD_CHUNK_BYTES } from '../../shared/contract';
import { contentDigest } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

const FILE = readFileSync(join(__dirname, '..', 'fixtures', 'import', 'good-elderly.xlsx'));

describe('chunked upload into the import', () => {
  let tmp: ReturnType<typeof tempDir>;
  let out: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    out = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    // The validation report is saved where the (answered) save dialog points, outside the data folder.
    t = newApp(tmp.dir, {
      dialogs: {
        chooseFolder: () => Promise.resolve(out.dir),
        chooseSaveFile: (_title, name) => Promise.resolve({ path: join(out.dir, name), overwrite: false }),
      },
    });
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
    out.cleanup();
  });

  /** Sends `bytes` in chunks of `size` the way the wizard does, returns the upload's id. */
  async function upload(bytes: Buffer, size: number, caller = 'li'): Promise<string> {
    const begun = await invoke(t, caller, 'upload.begin', { fileName: 'good-elderly.xlsx', size: bytes.length });
    if (!begun.ok) throw new Error(begun.error.message);
    for (let at = 0; at < bytes.length; at += size) {
      const r = await invoke(t, caller, 'upload.chunk', {
        uploadId: begun.value.uploadId,
        offset: at,
        contentBase64: bytes.subarray(at, at + size).toString('base64'),
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.received).toBe(Math.min(bytes.length, at + size));
    }
    return begun.value.uploadId;
  }

  it('a file sent in chunks previews exactly as the whole file, and commits, and stays usable', async () => {
    const whole = await invoke(t, 'li', 'import.preview', {
      fileName: 'good-elderly.xlsx',
      contentBase64: FILE.toString('base64'),
      program: 'elderly',
    });
    const uploadId = await upload(FILE, 1000);
    const chunked = await invoke(t, 'li', 'import.preview', {
      fileName: 'good-elderly.xlsx',
      uploadId,
      program: 'elderly',
    });
    if (!whole.ok || !chunked.ok) throw new Error('preview failed');
    expect(chunked.value.sha256).toBe(createHash('sha256').update(FILE).digest('hex'));
    expect(chunked.value).toEqual(whole.value);
    expect(chunked.value.accepted).toBeGreaterThan(0);

    const before = contentDigest(t.app.currentStore()!.raw);
    const commit = await invoke(t, 'li', 'import.commit', {
      fileName: 'good-elderly.xlsx',
      uploadId,
      program: 'elderly',
    });
    expect(commit).toMatchObject({ ok: true, value: { committed: true, created: whole.value.created } });
    expect(contentDigest(t.app.currentStore()!.raw)).not.toBe(before);
    const audit = t.app
      .currentStore()!
      .raw.prepare(`SELECT after_json FROM audit_log WHERE action = 'import.commit' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ sha256: whole.value.sha256, size: FILE.length });
    // Preview → commit → report: the same upload answers until it is discarded.
    const exported = await invoke(t, 'li', 'import.exportReport', { fileName: 'x.xlsx', uploadId, program: 'elderly' });
    expect(exported).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/^x-校验报告-.*\.xlsx$/) } });
    expect(readdirSync(out.dir)).toHaveLength(1);
    expect(await invoke(t, 'li', 'upload.discard', { uploadId })).toEqual({ ok: true, value: { discarded: true } });
    const gone = await invoke(t, 'li', 'import.preview', { fileName: 'x.xlsx', uploadId, program: 'elderly' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!gone.ok && gone.error.message).toContain('上传编号');
    expect(t.app.uploads.heldBytes()).toBe(0);
  });

  it('refuses chunks out of order, overlapping or past the declared size, and an unfinished upload', async () => {
    const begun = await invoke(t, 'li', 'upload.begin', { fileName: 'a.xlsx', size: FILE.length });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value;
    const send = (offset: number, bytes: Buffer) =>
      invoke(t, 'li', 'upload.chunk', { uploadId, offset, contentBase64: bytes.toString('base64') });
    const skipped = await send(100, FILE.subarray(100, 200));
    expect(skipped).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!skipped.ok && skipped.error.message).toMatch(/^起始位置：应为 0/);
    expect(await send(0, FILE.subarray(0, 300))).toEqual({ ok: true, value: { received: 300 } });
    const overlap = await send(200, FILE.subarray(200, 400));
    expect(!overlap.ok && overlap.error.message).toMatch(/^起始位置：应为 300/);
    const unfinished = await invoke(t, 'li', 'import.preview', { fileName: 'a.xlsx', uploadId, program: 'elderly' });
    expect(!unfinished.ok && unfinished.error.message).toContain('还没有传完（已收到 300 /');
    const past = await send(300, Buffer.concat([FILE.subarray(300), Buffer.from('extra')]));
    expect(past).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(!past.ok && past.error.message).toMatch(/^文件内容：超出了/);
    // The refusals left the upload as it was: the rest completes it.
    expect(await send(300, FILE.subarray(300))).toEqual({ ok: true, value: { received: FILE.length } });
    expect(await invoke(t, 'li', 'import.preview', { fileName: 'a.xlsx', uploadId, program: 'elderly' })).toMatchObject(
      {
        ok: true,
        value: { sha256: createHash('sha256').update(FILE).digest('hex') },
      },
    );
    const tooBig = await invoke(t, 'li', 'upload.chunk', {
      uploadId,
      offset: 0,
      contentBase64: Buffer.alloc(UPLOAD_CHUNK_BYTES + 3).toString('base64'),
    });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!tooBig.ok && tooBig.error.message).toContain('文件内容');
  });

  it('caps an upload and a session’s uploads at the import size setting', async () => {
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
    expect(await invoke(t, 'admin', 'settings.update', { importMaxMegabytes: 0.25 })).toMatchObject({ ok: true });
    const big = await invoke(t, 'li', 'upload.begin', { fileName: 'big.xlsx', size: 300_000 });
    expect(big).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(!big.ok && big.error.message).toMatch(/^文件大小：big\.xlsx 为 0\.29 MB，超过了设置的上限 0\.25 MB/);
    // Two uploads of 150 KB do not fit together: the older one is replaced.
    const first = await upload(Buffer.alloc(150_000, 1), 64_000);
    const second = await upload(Buffer.alloc(150_000, 2), 64_000);
    expect(t.app.uploads.heldBytes()).toBe(150_000);
    const old = await invoke(t, 'li', 'import.preview', { fileName: 'a.csv', uploadId: first, program: 'elderly' });
    expect(!old.ok && old.error.message).toContain('找不到该上传');
    expect(await invoke(t, 'li', 'upload.discard', { uploadId: second })).toEqual({
      ok: true,
      value: { discarded: true },
    });
  });

  it('an upload belongs to its session: another window, a sign-out or a new sign-in cannot use it', async () => {
    const uploadId = await upload(FILE, 4096);
    await signIn(t, 'other', 'li', PASSWORD);
    const input = { fileName: 'good-elderly.xlsx', uploadId, program: 'elderly' } as const;
    expect(await invoke(t, 'other', 'import.preview', input)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke(t, 'other', 'upload.discard', { uploadId })).toEqual({ ok: true, value: { discarded: false } });
    expect(await invoke(t, 'li', 'import.preview', input)).toMatchObject({ ok: true });
    expect(await invoke(t, 'li', 'session.logout', {})).toMatchObject({ ok: true });
    expect(t.app.uploads.heldBytes()).toBe(0);
    await signIn(t, 'li', 'li', PASSWORD);
    expect(await invoke(t, 'li', 'import.preview', input)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke(t, 'li', 'upload.begin', { fileName: 'a.xlsx', size: 1 })).toMatchObject({ ok: true });
  });

  it('takes exactly one source of bytes', async () => {
    const neither = await invoke(t, 'li', 'import.preview', { fileName: 'a.xlsx', program: 'elderly' });
    expect(neither).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!neither.ok && neither.error.message).toBe('上传编号：请提供文件：上传编号或文件内容须有其一');
    const uploadId = await upload(FILE, 100_000);
    const both = await invoke(t, 'li', 'import.commit', {
      fileName: 'a.xlsx',
      program: 'elderly',
      uploadId,
      contentBase64: FILE.toString('base64'),
    });
    expect(!both.ok && both.error.message).toContain('只能提供一个');
    const forged = await invoke(t, 'li', 'import.preview', {
      fileName: 'a.xlsx',
      program: 'elderly',
      uploadId: '../x',
    });
    expect(!forged.ok && forged.error.message).toContain('上传编号');
  });
});

describe('the upload store forgets what nobody uses', () => {
  it('drops an upload idle for 30 minutes, keeps one in use', () => {
    let now = 1_000_000;
    const store = new UploadStore(() => now);
    const owner = {};
    const idle = store.begin('w', owner, 'a.csv', 3, 1000);
    const busy = store.begin('w', owner, 'b.csv', 3, 1000);
    store.chunk(owner, idle, 0, Buffer.from('abc'));
    store.chunk(owner, busy, 0, Buffer.from('xyz'));
    now += UPLOAD_IDLE_MS - 1000;
    expect(store.resolve(owner, busy).content.toString()).toBe('xyz');
    now += 2000;
    expect(() => store.resolve(owner, idle)).toThrow(/找不到该上传/);
    expect(store.resolve(owner, busy).content.toString()).toBe('xyz');
    expect(store.heldBytes()).toBe(3);
  });
});
