import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess, spawnCli } from '../support/cli';
import { PASSPHRASE } from '../support/fixtures';
import { tempDir } from '../support/tmp';

describe('CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());
  const env = { WELFARE_DESK_PASSPHRASE: PASSPHRASE };

  it('init then status, each printing exactly one JSON object', () => {
    const data = join(tmp.dir, 'data');
    const init = spawnCli(['init', '--data', data, '--county-code', '420102', '--county-name', '江岸区', '--json'], env);
    expect(init.code).toBe(0);
    expect(init.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, countyCode: '420102', countyName: '江岸区' });

    const status = spawnCli(['status', '--data', data, '--json'], env);
    expect(status.code).toBe(0);
    expect(status.stdout.trim().split('\n')).toHaveLength(1);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({ ok: true, schemaVersion: 1, cipher: 'sqlcipher', integrity: 'ok', journalMode: 'wal' });
    expect(s.pageCount).toBeGreaterThan(0);
  });

  it('prints Chinese text without --json', async () => {
    const data = join(tmp.dir, 'data');
    expect((await runCliInProcess(['init', '--data', data, '--county-code', '420102', '--county-name', '江岸区'], env)).code).toBe(0);
    const r = await runCliInProcess(['status', '--data', data], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('加密方式：sqlcipher');
    expect(r.stdout).toContain('完整性检查：ok');
    expect(r.stdout).toContain('架构版本：1');
  });

  it('refuses to initialise twice with exit 1', async () => {
    const data = join(tmp.dir, 'data');
    const args = ['init', '--data', data, '--county-code', '420102', '--county-name', '江岸区', '--json'];
    expect((await runCliInProcess(args, env)).code).toBe(0);
    const again = await runCliInProcess(args, env);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
  });

  it('exits 2 for usage errors, and never takes the passphrase as an argument', async () => {
    const data = join(tmp.dir, 'data');
    const cases: string[][] = [
      [],
      ['frobnicate'],
      ['init', '--data', data, '--county-code', '420102', '--county-name', '江岸区', '--passphrase', 'x'],
      ['init', '--data', data, '--county-code', '420102'],
      ['status'],
    ];
    for (const args of cases) {
      const r = await runCliInProcess([...args, '--json'], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
    const noPass = await runCliInProcess(['init', '--data', data, '--county-code', '420102', '--county-name', '江岸区', '--json'], {});
    expect(noPass.code).toBe(2);
    expect(JSON.parse(noPass.stdout).error.message).toContain('WELFARE_DESK_PASSPHRASE');
    expect(existsSync(data)).toBe(false);
  });

  it('exits 1 with a Chinese message naming the field for invalid values', async () => {
    const data = join(tmp.dir, 'data');
    const r = await runCliInProcess(['init', '--data', data, '--county-code', 'abc', '--county-name', '江岸区', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '县区代码：应为 6 位数字的县级行政区划代码' } });
    expect(existsSync(join(data, 'welfare.db'))).toBe(false);
  });
});
