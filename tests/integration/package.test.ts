import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPackage, sealPackage, type PackageSigner } from '../../electron/services/package/format';
import { runCliInProcess } from '../support/cli';
import { smallDisk } from '../support/tmpfs';
import { tempDir } from '../support/tmp';

const ENV = { WELFARE_DESK_PASSWORD: 'password123' };
const PERIOD = '2026-01..2026-06';
const COUNTIES = [
  ['420902', '孝南区'],
  ['420921', '孝昌县'],
  ['420922', '大悟县'],
] as const;

async function cli(args: string[]): Promise<Record<string, unknown> & { ok: boolean }> {
  const r = await runCliInProcess([...args, '--json'], ENV);
  return JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean };
}
const code = (r: Record<string, unknown>) => (r.error as { code: string } | undefined)?.code;

function newSigner(): PackageSigner {
  const pair = generateKeyPairSync('ed25519');
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sign: (d) => sign(null, d, pair.privateKey),
  };
}

describe('package upward: counties to the city', () => {
  let tmp: ReturnType<typeof tempDir>;
  const city = () => join(tmp.dir, 'city');
  const stick = () => join(tmp.dir, 'stick');
  let recipient = '';
  const files: string[] = [];
  const fingerprints: string[] = [];
  const status = async () => cli(['package', 'status', '--data', city(), '--user', 'cityadm', '--period', PERIOD]);
  const importAs = (file: string, trust?: string) =>
    cli([
      'package',
      'import',
      '--data',
      city(),
      '--user',
      'cityadm',
      '--file',
      file,
      ...(trust ? ['--trust', trust] : []),
    ]);

  beforeAll(async () => {
    tmp = tempDir();
    mkdirSync(stick());
    const init = await cli([
      'init',
      '--data',
      city(),
      '--level',
      'city',
      '--code',
      '4209',
      '--name',
      '孝感市',
      '--admin',
      'cityadm',
    ]);
    expect(init).toMatchObject({ ok: true, level: 'city', countyCode: '420900' });
    const keys = await cli(['keys', 'show', '--data', city(), '--user', 'cityadm']);
    recipient = String(keys.recipient);
    expect(recipient).toMatch(/^age1/);
    for (const [i, [c, name]] of COUNTIES.entries()) {
      const dir = join(tmp.dir, c);
      const demo = await runCliInProcess(
        ['demo', '--data', dir, '--scale', '0.01', '--seed', String(i + 1), '--county-code', c, '--county-name', name],
        ENV,
      );
      expect(demo.code).toBe(0);
      expect((await cli(['keys', 'set-recipient', '--data', dir, '--user', 'head', '--recipient', recipient])).ok).toBe(
        true,
      );
      const k = await cli(['keys', 'show', '--data', dir, '--user', 'head']);
      fingerprints.push(String(k.signingFingerprint));
      const out = await cli([
        'package',
        'export',
        '--data',
        dir,
        '--user',
        'head',
        '--period',
        PERIOD,
        '--out',
        stick(),
      ]);
      expect(out).toMatchObject({ ok: true, sequence: 1 });
      files.push(String(out.path));
    }
  }, 240_000);
  afterAll(() => tmp.cleanup());

  it('only the head sets the recipient, and a malformed one is refused', async () => {
    const dir = join(tmp.dir, COUNTIES[0][0]);
    expect(code(await cli(['keys', 'set-recipient', '--data', dir, '--user', 'clerk', '--recipient', recipient]))).toBe(
      'FORBIDDEN',
    );
    expect(code(await cli(['keys', 'set-recipient', '--data', dir, '--user', 'head', '--recipient', 'age1xyz']))).toBe(
      'PACKAGE_RECIPIENT_INVALID',
    );
  });

  it('refuses every damaged or foreign package with its own code and changes nothing', async () => {
    const before = JSON.stringify(await status());
    const good = readFileSync(files[0] ?? '');
    const bad = (name: string, bytes: Uint8Array) => {
      const p = join(tmp.dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    const flip = (at: number) => {
      const b = Buffer.from(good);
      b[at] = (b[at] ?? 0) ^ 0x01;
      return b;
    };
    const fp = fingerprints[0];
    expect(code(await importAs(bad('head.wdpkg', flip(40)), fp))).toMatch(/PACKAGE_(CORRUPT|WRONG_RECIPIENT)/);
    expect(code(await importAs(bad('mac.wdpkg', flip(good.indexOf('\n---', 16) + 8)), fp))).toBe('PACKAGE_CORRUPT');
    expect(code(await importAs(bad('mid.wdpkg', flip(Math.floor(good.length / 2))), fp))).toBe('PACKAGE_CORRUPT');
    expect(code(await importAs(bad('end.wdpkg', flip(good.length - 1)), fp))).toBe('PACKAGE_CORRUPT');
    expect(code(await importAs(bad('frame.wdpkg', flip(2)), fp))).toBe('PACKAGE_NOT_PACKAGE');
    expect(code(await importAs(bad('trunc.wdpkg', good.subarray(0, good.length - 100)), fp))).toBe('PACKAGE_TRUNCATED');
    // Unknown county without a confirmed fingerprint, or with the wrong one.
    expect(code(await importAs(files[0] ?? ''))).toBe('PACKAGE_UNKNOWN_COUNTY');
    expect(code(await importAs(files[0] ?? '', fingerprints[1]))).toBe('PACKAGE_UNKNOWN_COUNTY');
    expect(JSON.stringify(await status())).toBe(before);
  });

  it('imports the three counties and the consolidated tables are their sum, cell by cell', async () => {
    for (const [i, f] of files.entries())
      expect(await importAs(f, fingerprints[i])).toMatchObject({ ok: true, newCounty: true });
    const s = (await status()) as unknown as {
      counties: Array<{ countyCode: string; reported: boolean }>;
      tables: Array<{ id: string; rows: Array<{ key: string[]; values: number[] }> }>;
    };
    expect(s.counties.map((c) => c.reported)).toEqual([true, true, true]);
    // Every form of the report engine travels; the city's 合计 of each indicator equals the
    // sum of what each county's own 统计报表 shows for the period, and the county rows are
    // exactly those figures.
    expect(s.tables.map((t) => t.id)).toEqual([
      'indicators',
      'townships',
      'disability',
      'elderly',
      'children',
      'changes',
    ]);
    const own = await Promise.all(
      COUNTIES.map(async ([c]) => {
        const r = await cli([
          'report',
          'show',
          'indicators',
          '--data',
          join(tmp.dir, c),
          '--user',
          'head',
          '--period',
          PERIOD,
        ]);
        const rows = (
          r as unknown as { table: { rows: Array<{ key: string; cells: Array<{ value?: number; fen?: number }> }> } }
        ).table.rows;
        return new Map(rows.map((x) => [x.key, x.cells.slice(0, 3).map((cell) => cell.value ?? cell.fen ?? null)]));
      }),
    );
    const indicators = s.tables.find((t) => t.id === 'indicators');
    const cityTotals = (indicators?.rows ?? []).filter((r) => r.key[0] === '合计');
    expect(cityTotals.length).toBeGreaterThan(20);
    for (const r of cityTotals) {
      const code = (r as { code?: string }).code ?? '';
      // A form's “—” (no figure, as 本年累计 of a stock) stays null; figures add up.
      const sum = [0, 1, 2].map((i) =>
        own.reduce<number | null>((n, m) => {
          const v = m.get(code)?.[i] ?? null;
          return v === null ? n : (n ?? 0) + v;
        }, null),
      );
      expect([code, r.values]).toEqual([code, sum]);
    }
    const paid = cityTotals.find((r) => (r as { code?: string }).code === 'all.paid');
    expect(paid?.values[0]).toBeGreaterThan(0);
    for (const [i, [, name]] of COUNTIES.entries()) {
      const row = indicators?.rows.find((r) => r.key[0] === name && (r as { code?: string }).code === 'all.paid');
      expect(row?.values).toEqual(own[i]?.get('all.paid'));
    }
    // A county's townships are its own: the city sums only their 合计 rows.
    const towns = s.tables.find((t) => t.id === 'townships');
    const cityTown = towns?.rows.filter((r) => r.key[0] === '合计') ?? [];
    expect(cityTown.map((r) => r.key)).toEqual([['合计', '全市合计']]);
    const countyTotals =
      towns?.rows.filter((r) => r.key[0] !== '合计' && (r as { code?: string }).code === 'total') ?? [];
    expect(countyTotals).toHaveLength(3);
    expect(cityTown[0]?.values).toEqual(
      countyTotals.reduce<number[]>((acc, r) => r.values.map((v, i) => v + (acc[i] ?? 0)), []),
    );
  });

  it('a newer package supersedes, the older is kept; a replayed older one and a swapped key are refused', async () => {
    const dir = join(tmp.dir, COUNTIES[0][0]);
    const second = await cli([
      'package',
      'export',
      '--data',
      dir,
      '--user',
      'head',
      '--period',
      PERIOD,
      '--out',
      stick(),
    ]);
    expect(second).toMatchObject({ ok: true, sequence: 2 });
    expect(await importAs(String(second.path))).toMatchObject({ ok: true, sequence: 2, supersededSequence: 1 });
    const before = JSON.stringify(await status());
    expect(code(await importAs(files[0] ?? ''))).toBe('PACKAGE_DUPLICATE');
    // A third package, imported out of order after a fourth: replay.
    const third = await cli([
      'package',
      'export',
      '--data',
      dir,
      '--user',
      'head',
      '--period',
      PERIOD,
      '--out',
      stick(),
    ]);
    const fourth = await cli([
      'package',
      'export',
      '--data',
      dir,
      '--user',
      'head',
      '--period',
      PERIOD,
      '--out',
      stick(),
    ]);
    expect((await importAs(String(fourth.path))).ok).toBe(true);
    const afterFourth = JSON.stringify(await status());
    expect(afterFourth).not.toBe(before);
    expect(code(await importAs(String(third.path)))).toBe('PACKAGE_REPLAY');
    // Another office claiming the same county code with its own key.
    const impostor = join(tmp.dir, 'impostor');
    await runCliInProcess(
      ['demo', '--data', impostor, '--scale', '0.01', '--county-code', COUNTIES[0][0], '--county-name', '孝南区'],
      ENV,
    );
    await cli(['keys', 'set-recipient', '--data', impostor, '--user', 'head', '--recipient', recipient]);
    const fake = await cli([
      'package',
      'export',
      '--data',
      impostor,
      '--user',
      'head',
      '--period',
      PERIOD,
      '--out',
      tmp.dir,
    ]);
    expect(fake.ok).toBe(true);
    expect(code(await importAs(String(fake.path)))).toBe('PACKAGE_KEY_MISMATCH');
    // A package for another city.
    const other = join(tmp.dir, 'other-city');
    await cli(['init', '--data', other, '--level', 'city', '--code', '4201', '--name', '武汉市', '--admin', 'cityadm']);
    const r = await cli(['package', 'import', '--data', other, '--user', 'cityadm', '--file', files[1] ?? '']);
    expect(code(r)).toBe('PACKAGE_WRONG_RECIPIENT');
    expect(JSON.stringify(await status())).toBe(afterFourth);
  }, 120_000);

  it('a stick too small is refused before writing and leaves no file', async () => {
    const disk = smallDisk(8);
    try {
      const dir = join(tmp.dir, COUNTIES[1][0]);
      const r = await cli([
        'package',
        'export',
        '--data',
        dir,
        '--user',
        'head',
        '--period',
        PERIOD,
        '--out',
        disk.dir,
      ]);
      expect(code(r)).toBe('DISK_FULL');
      expect(readdirSync(disk.dir)).toEqual([]);
      // The county's sequence did not move: the next package is still number 2.
      const next = await cli([
        'package',
        'export',
        '--data',
        dir,
        '--user',
        'head',
        '--period',
        PERIOD,
        '--out',
        stick(),
      ]);
      expect(next).toMatchObject({ ok: true, sequence: 2 });
    } finally {
      disk.cleanup();
    }
  });

  it('a package left on the stick without its record (killed after the rename) keeps its number; the next takes the one after', async () => {
    const dir = join(tmp.dir, COUNTIES[2][0]);
    const folder = join(tmp.dir, 'orphan');
    mkdirSync(folder);
    // As a kill between the rename and the county's record leaves it: number 2 on the stick, not in the database.
    const orphan = join(folder, '上报-420922-2026-01_2026-06-002.wdpkg');
    writeFileSync(orphan, 'written whole, never recorded');
    const r = await cli(['package', 'export', '--data', dir, '--user', 'head', '--period', PERIOD, '--out', folder]);
    expect(r).toMatchObject({ ok: true, sequence: 3, fileName: '上报-420922-2026-01_2026-06-003.wdpkg' });
    expect(readFileSync(orphan, 'utf8')).toBe('written whole, never recorded');
    // Another county's or another period's numbers on the same stick are not this one's.
    const other = join(tmp.dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, '上报-420921-2026-01_2026-06-007.wdpkg'), 'x');
    writeFileSync(join(other, '上报-420922-2026-01_2026-03-009.wdpkg'), 'x');
    const o = await cli(['package', 'export', '--data', dir, '--user', 'head', '--period', PERIOD, '--out', other]);
    expect(o).toMatchObject({ ok: true, sequence: 4 });
  });
});

describe('package format', () => {
  it('holds no plaintext names or IDs; attacker re-encryption is caught by the signature and the hashes', async () => {
    const { generateX25519Identity, identityToRecipient, Decrypter, Encrypter } = await import('age-encryption');
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const signer = newSigner();
    const roster = JSON.stringify([{ name: '张秀英', idNumber: '420902195001011234' }]);
    const head = {
      countyCode: '420902',
      countyName: '孝南区',
      periodFrom: '2026-01',
      periodTo: '2026-06',
      sequence: 1,
      schemaVersion: 13,
      appVersion: 't',
      createdAt: 't',
      createdBy: 'head',
      roster: 'full' as const,
    };
    const parts = [
      { name: 'tables.json' as const, content: Buffer.from('[]'), rows: 0 },
      { name: 'roster.json' as const, content: Buffer.from(roster), rows: 1 },
    ];
    const { file } = await sealPackage(head, parts, signer, recipient);
    const text = Buffer.from(file).toString('latin1');
    for (const s of ['张秀英', '420902195001011234', '孝南区', 'roster.json']) {
      expect(text.includes(Buffer.from(s, 'utf8').toString('latin1'))).toBe(false);
    }
    expect((await openPackage(file, identity)).parts.get('roster.json')?.length).toBe(Buffer.byteLength(roster));
    // Anyone may encrypt to the city's public recipient: change the inner content and re-encrypt.
    const d = new Decrypter();
    d.addIdentity(identity);
    const inner = Buffer.from(await d.decrypt(Buffer.from(file).subarray(16)));
    const reseal = async (b: Buffer) => {
      const e = new Encrypter();
      e.addRecipient(recipient);
      const ct = await e.encrypt(b);
      const len = Buffer.alloc(8);
      len.writeBigUInt64BE(BigInt(ct.length));
      return Buffer.concat([Buffer.from(file).subarray(0, 8), len, ct]);
    };
    const lastPart = Buffer.from(inner);
    lastPart[lastPart.length - 3] = 0x41;
    await expect(openPackage(await reseal(lastPart), identity)).rejects.toMatchObject({
      code: 'PACKAGE_HASH_MISMATCH',
    });
    const manifestEdit = Buffer.from(inner.toString('latin1').replace('"sequence":1', '"sequence":9'), 'latin1');
    await expect(openPackage(await reseal(manifestEdit), identity)).rejects.toMatchObject({
      code: 'PACKAGE_BAD_SIGNATURE',
    });
    const newer = await sealPackage(head, parts, signer, recipient);
    expect(newer.manifest.formatVersion).toBe(1);
    const future = Buffer.from(inner.toString('latin1').replace('"formatVersion":1', '"formatVersion":2'), 'latin1');
    await expect(openPackage(await reseal(future), identity)).rejects.toMatchObject({ code: 'PACKAGE_SCHEMA_NEWER' });
  });
});
