import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';
import { readMeta } from '../app/meta';
import type { WrittenFile } from '../files/output';
import type { PrintEngine } from '../print/engine';
import { renderPdf } from '../print/pdf';
import type { Job } from '../jobs/runner';
import { fingerprint } from './format';
import { publicKeyValid, requireLevel } from './keys';
import { consolidatedHtml, tablesXlsx } from './paper';
import { cityStatus } from './status';

export interface CountyRow {
  readonly code: string;
  readonly name: string;
  readonly signingKey: string;
  readonly fingerprint: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly packages: number;
  readonly lastImportedAt: string | null;
}

/** The counties a city knows, with their key's fingerprint to read back over the phone. */
export function cityCounties(store: ReadableStore): CountyRow[] {
  requireLevel(store, 'city');
  const counties = store.all(store.kysely.selectFrom('city_counties').selectAll().orderBy('code'));
  const counts = store.all(
    store.kysely
      .selectFrom('city_packages')
      .select((eb) => ['county_code', eb.fn.countAll<number>().as('n'), eb.fn.max('imported_at').as('last')])
      .groupBy('county_code'),
  );
  const byCode = new Map(counts.map((c) => [c.county_code, c]));
  return counties.map((c) => ({
    code: c.code,
    name: c.name,
    signingKey: c.signing_key,
    fingerprint: fingerprint(c.signing_key),
    registeredAt: c.registered_at,
    registeredBy: c.registered_by,
    packages: Number(byCode.get(c.code)?.n ?? 0),
    lastImportedAt: byCode.get(c.code)?.last ?? null,
  }));
}

/** A county key as `keys show` prints it: base64 of the SPKI DER, spaces and line breaks allowed. */
export function parseSigningKey(text: string): string {
  const key = text.replace(/\s+/g, '');
  if (!publicKeyValid(key))
    throw new AppError('INVALID_INPUT', '签名公钥：不是有效的 Ed25519 公钥，请复制县里“查看上报密钥”显示的整串字符');
  return key;
}

/** A county's key replaced is audited as such: the one thing an impostor would want. */
export function registerCountyChecked(
  store: Store,
  actor: Actor,
  input: { code: string; name: string; signingKey: string; now: string },
): { fingerprint: string; replaced: boolean } {
  requireLevel(store, 'city');
  const key = parseSigningKey(input.signingKey);
  const before = store.first(store.kysely.selectFrom('city_counties').selectAll().where('code', '=', input.code));
  const clash = store.first(
    store.kysely
      .selectFrom('city_counties')
      .select('code')
      .where('signing_key', '=', key)
      .where('code', '<>', input.code),
  );
  if (clash) throw new AppError('INVALID_INPUT', `签名公钥：已登记给 ${clash.code}，一个县（区）一把密钥`);
  store.write(actor, (w) => {
    w.run(
      w.kysely
        .insertInto('city_counties')
        .values({
          code: input.code,
          name: input.name,
          signing_key: key,
          registered_at: input.now,
          registered_by: actor.username,
        })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, signing_key: key })),
    );
    w.audit({
      action: 'city.registerCounty',
      entity: 'county',
      entityId: input.code,
      before: before ? { name: before.name, fingerprint: fingerprint(before.signing_key) } : null,
      after: { name: input.name, fingerprint: fingerprint(key) },
    });
  });
  return { fingerprint: fingerprint(key), replaced: Boolean(before && before.signing_key !== key) };
}

export function consolidatedTitle(store: ReadableStore, period: { from: string; to: string }): string {
  return `${readMeta(store).county_name ?? ''}上报汇总-${period.from}_${period.to}`;
}

/** The consolidated tables as xlsx or PDF (through the print engine), audited with the file's digest. */
export async function exportConsolidated(
  store: Store,
  actor: Actor,
  input: { period: { from: string; to: string }; format: 'xlsx' | 'pdf' },
  engine: PrintEngine | null,
  save: (content: Buffer) => Promise<WrittenFile>,
  job: Job,
): Promise<{ fileName: string; bytes: number }> {
  requireLevel(store, 'city');
  job.step(0, 2, '汇总');
  const status = cityStatus(store, input.period);
  const cityName = readMeta(store).county_name ?? '';
  let content: Buffer;
  if (input.format === 'xlsx') {
    content = await tablesXlsx(`${cityName} ${input.period.from} 至 ${input.period.to} 汇总`, status.tables);
  } else {
    if (!engine) throw new AppError('PRINT_UNAVAILABLE');
    const missing = status.counties.filter((c) => !c.reported).map((c) => c.countyName);
    content = await renderPdf(engine, {
      html: consolidatedHtml(cityName, input.period, missing, status.tables),
      landscape: false,
    });
  }
  job.throwIfCancelled();
  job.step(1, 2, '保存文件');
  const file = await save(content);
  store.write(actor, (w) =>
    w.audit({
      action: 'package.exportConsolidated',
      entity: 'package',
      entityId: `${input.period.from}..${input.period.to}`,
      after: { format: input.format, file: file.fileName, bytes: file.bytes, sha256: file.sha256 },
    }),
  );
  job.step(2, 2, '完成');
  return { fileName: file.fileName, bytes: file.bytes };
}
