import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { runCliInProcess, spawnCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const ADMIN_PW = 'admin-password-1';
const CLERK_PW = 'clerk-password-1';

describe('CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
  });
  afterEach(() => tmp.cleanup());
  const asAdmin = { WELFARE_DESK_PASSWORD: ADMIN_PW };
  const initArgs = () => [
    'init',
    '--data',
    data,
    '--county-code',
    '420102',
    '--county-name',
    '江岸区',
    '--admin',
    'admin',
    '--admin-name',
    '王管理',
  ];

  it('init prints the recovery code once; status signs in; each prints exactly one JSON object', () => {
    const init = spawnCli([...initArgs(), '--json'], asAdmin);
    expect(init.code).toBe(0);
    expect(init.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(init.stdout);
    expect(out).toMatchObject({ ok: true, countyCode: '420102', countyName: '江岸区', admin: 'admin' });
    expect(out.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // Never written anywhere in the data directory.
    for (const f of ['welfare.keys.json', 'welfare.db'])
      expect(readFileSync(join(data, f)).includes(out.recoveryCode)).toBe(false);

    const status = spawnCli(['status', '--data', data, '--user', 'admin', '--json'], asAdmin);
    expect(status.code).toBe(0);
    expect(status.stdout.trim().split('\n')).toHaveLength(1);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({
      ok: true,
      schemaVersion: LATEST_SCHEMA_VERSION,
      cipher: 'sqlcipher',
      integrity: 'ok',
      journalMode: 'wal',
    });
    expect(s.pageCount).toBeGreaterThan(0);
  });

  it('prints Chinese text without --json', async () => {
    const init = await runCliInProcess(initArgs(), asAdmin);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('恢复码只显示这一次');
    const r = await runCliInProcess(['status', '--data', data, '--user', 'admin'], asAdmin);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('加密方式：sqlcipher');
    expect(r.stdout).toContain('完整性检查：ok');
  });

  it('manages users: add, refuse a clerk on an admin channel, change and reset passwords, disable', async () => {
    expect((await runCliInProcess(initArgs(), asAdmin)).code).toBe(0);
    const add = await runCliInProcess(
      [
        'user',
        'add',
        '--data',
        data,
        '--user',
        'admin',
        '--username',
        'li',
        '--name',
        '李经办',
        '--roles',
        'clerk',
        '--json',
      ],
      {
        ...asAdmin,
        WELFARE_DESK_NEW_PASSWORD: CLERK_PW,
      },
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout).user).toMatchObject({ username: 'li', roles: ['clerk'], disabled: false });

    const forbidden = await runCliInProcess(['status', '--data', data, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: CLERK_PW,
    });
    expect(forbidden.code).toBe(1);
    expect(JSON.parse(forbidden.stdout).error.code).toBe('FORBIDDEN');

    const passwd = await runCliInProcess(['user', 'passwd', '--data', data, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: CLERK_PW,
      WELFARE_DESK_NEW_PASSWORD: 'clerk-password-2',
    });
    expect(passwd.code).toBe(0);
    const oldFails = await runCliInProcess(['user', 'passwd', '--data', data, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: CLERK_PW,
      WELFARE_DESK_NEW_PASSWORD: 'whatever-9',
    });
    expect(JSON.parse(oldFails.stdout).error.code).toBe('WRONG_PASSWORD');

    const disable = await runCliInProcess(
      ['user', 'disable', '--data', data, '--user', 'admin', '--username', 'li', '--json'],
      asAdmin,
    );
    expect(disable.code).toBe(0);
    const gone = await runCliInProcess(['user', 'passwd', '--data', data, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: 'clerk-password-2',
      WELFARE_DESK_NEW_PASSWORD: 'whatever-9',
    });
    expect(JSON.parse(gone.stdout).error.code).toBe('WRONG_PASSWORD');

    const lastAdmin = await runCliInProcess(
      ['user', 'disable', '--data', data, '--user', 'admin', '--username', 'admin', '--json'],
      asAdmin,
    );
    expect(JSON.parse(lastAdmin.stdout).error.code).toBe('LAST_ADMIN');

    const verify = await runCliInProcess(['audit', 'verify', '--data', data, '--user', 'admin', '--json'], asAdmin);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('the recovery code sets a new password when every password is lost', async () => {
    const init = await runCliInProcess([...initArgs(), '--json'], asAdmin);
    const { recoveryCode } = JSON.parse(init.stdout);
    const wrong = await runCliInProcess(['user', 'passwd', '--data', data, '--username', 'admin', '--json'], {
      WELFARE_DESK_RECOVERY: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      WELFARE_DESK_NEW_PASSWORD: 'brand-new-pass',
    });
    expect(JSON.parse(wrong.stdout).error.code).toBe('WRONG_RECOVERY_CODE');
    const typedSloppily = String(recoveryCode).toLowerCase().replaceAll('-', ' ');
    const ok = await runCliInProcess(['user', 'passwd', '--data', data, '--username', 'admin', '--json'], {
      WELFARE_DESK_RECOVERY: typedSloppily,
      WELFARE_DESK_NEW_PASSWORD: 'brand-new-pass',
    });
    expect(ok.code).toBe(0);
    expect(
      (
        await runCliInProcess(['status', '--data', data, '--user', 'admin', '--json'], {
          WELFARE_DESK_PASSWORD: 'brand-new-pass',
        })
      ).code,
    ).toBe(0);
    expect((await runCliInProcess(['status', '--data', data, '--user', 'admin', '--json'], asAdmin)).code).toBe(1);
  });

  it('refuses to initialise twice with exit 1', async () => {
    expect((await runCliInProcess(initArgs(), asAdmin)).code).toBe(0);
    const again = await runCliInProcess([...initArgs(), '--json'], asAdmin);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
  });

  it('exits 2 for usage errors, and never takes a password as an argument', async () => {
    const cases: string[][] = [
      [],
      ['frobnicate'],
      [...initArgs(), '--password', 'x'],
      ['init', '--data', data, '--county-code', '420102'],
      ['status'],
      ['status', '--data', data],
      ['user', 'add', '--data', data, '--user', 'admin'],
    ];
    for (const args of cases) {
      const r = await runCliInProcess([...args, '--json'], asAdmin);
      expect(r.code, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
    const noPass = await runCliInProcess([...initArgs(), '--json'], {});
    expect(noPass.code).toBe(2);
    expect(JSON.parse(noPass.stdout).error.message).toContain('WELFARE_DESK_PASSWORD');
    expect(existsSync(data)).toBe(false);
  });

  it('exits 1 with a Chinese message naming the field for invalid values', async () => {
    const r = await runCliInProcess(
      ['init', '--data', data, '--county-code', 'abc', '--county-name', '江岸区', '--admin', 'admin', '--json'],
      asAdmin,
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '县区代码：应为 6 位数字的县级行政区划代码' },
    });
    expect(existsSync(join(data, 'welfare.db'))).toBe(false);
  });
});
