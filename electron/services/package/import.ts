import { deflateSync } from 'node:zlib';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { Job } from '../jobs/runner';
import { fingerprint, openPackage, sha256Hex, type Manifest } from './format';
import { ensureCityIdentity, requireLevel } from './keys';
import type { ReportTable } from './tables';

export interface PackageImported {
  readonly countyCode: string;
  readonly countyName: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly sequence: number;
  readonly supersededSequence: number | null;
  readonly newCounty: boolean;
  readonly keyFingerprint: string;
}

/**
 * Reads one package into a city database. Every check comes before the one
 * transaction that writes, so a refusal changes nothing. An unknown county is
 * registered only when the caller confirms the key's fingerprint (read out by
 * the county over the phone) or registered it ahead.
 */
export async function importPackage(
  store: Store,
  actor: Actor,
  file: Uint8Array,
  opts: { trustFingerprint?: string; now: string },
  job: Job,
): Promise<PackageImported> {
  requireLevel(store, 'city');
  job.step(0, 3, '解密');
  const { identity } = await ensureCityIdentity(store, actor);
  const opened = await openPackage(file, identity);
  const m: Manifest = opened.manifest;
  job.step(1, 3, '校验');
  if (m.schemaVersion > LATEST_SCHEMA_VERSION) throw new AppError('PACKAGE_SCHEMA_NEWER');
  const keyFp = fingerprint(m.signingKey);
  const county = store.first(store.kysely.selectFrom('city_counties').selectAll().where('code', '=', m.countyCode));
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (!county) {
    if (!opts.trustFingerprint || norm(opts.trustFingerprint) !== norm(keyFp))
      throw new AppError('PACKAGE_UNKNOWN_COUNTY', undefined, {
        countyCode: m.countyCode,
        countyName: m.countyName,
        fingerprint: keyFp,
      });
  } else if (county.signing_key !== m.signingKey) {
    throw new AppError('PACKAGE_KEY_MISMATCH', undefined, { countyCode: m.countyCode, fingerprint: keyFp });
  }
  const sha256 = sha256Hex(file);
  if (store.first(store.kysely.selectFrom('city_packages').select('id').where('sha256', '=', sha256)))
    throw new AppError('PACKAGE_DUPLICATE');
  const current = store.first(
    store.kysely
      .selectFrom('city_packages')
      .select(['id', 'sequence'])
      .where('county_code', '=', m.countyCode)
      .where('period_from', '=', m.periodFrom)
      .where('period_to', '=', m.periodTo)
      .orderBy('sequence', 'desc'),
  );
  if (current && current.sequence >= m.sequence)
    throw new AppError('PACKAGE_REPLAY', undefined, { imported: current.sequence, offered: m.sequence });
  const tablesPart = opened.parts.get('tables.json');
  if (!tablesPart) throw new AppError('PACKAGE_CORRUPT');
  const tables = JSON.parse(Buffer.from(tablesPart).toString('utf8')) as ReportTable[];
  const roster = opened.parts.get('roster.json');
  job.step(2, 3, '写入数据库');
  store.write(actor, (w) => {
    if (!county) {
      w.run(
        w.kysely.insertInto('city_counties').values({
          code: m.countyCode,
          name: m.countyName,
          signing_key: m.signingKey,
          registered_at: opts.now,
          registered_by: actor.username,
        }),
      );
      w.audit({
        action: 'city.registerCounty',
        entity: 'county',
        entityId: m.countyCode,
        after: { name: m.countyName, fingerprint: keyFp },
      });
    }
    if (current)
      w.run(w.kysely.updateTable('city_packages').set({ superseded_at: opts.now }).where('id', '=', current.id));
    const id = w.run(
      w.kysely.insertInto('city_packages').values({
        county_code: m.countyCode,
        period_from: m.periodFrom,
        period_to: m.periodTo,
        sequence: m.sequence,
        sha256,
        manifest_json: JSON.stringify(m),
        tables_json: JSON.stringify(tables),
        roster_rows: m.parts.find((p) => p.name === 'roster.json')?.rows ?? 0,
        roster_json: null,
        roster_deflate: roster ? deflateSync(roster, { level: 1 }) : null,
        imported_at: opts.now,
        imported_by: actor.username,
      }),
    ).lastInsertRowid;
    if (current) w.run(w.kysely.updateTable('city_packages').set({ superseded_by: id }).where('id', '=', current.id));
    w.audit({
      action: current ? 'package.supersede' : 'package.import',
      entity: 'package',
      entityId: `${m.countyCode}:${m.periodFrom}..${m.periodTo}#${String(m.sequence)}`,
      before: current ? { sequence: current.sequence } : undefined,
      after: { sha256, sequence: m.sequence, createdAt: m.createdAt, createdBy: m.createdBy, parts: m.parts },
    });
  });
  job.step(3, 3, '完成');
  return {
    countyCode: m.countyCode,
    countyName: m.countyName,
    periodFrom: m.periodFrom,
    periodTo: m.periodTo,
    sequence: m.sequence,
    supersededSequence: current?.sequence ?? null,
    newCounty: !county,
    keyFingerprint: keyFp,
  };
}

export function registerCounty(
  store: Store,
  actor: Actor,
  input: { code: string; name: string; signingKey: string; now: string },
): { fingerprint: string } {
  requireLevel(store, 'city');
  store.write(actor, (w) => {
    w.run(
      w.kysely
        .insertInto('city_counties')
        .values({
          code: input.code,
          name: input.name,
          signing_key: input.signingKey,
          registered_at: input.now,
          registered_by: actor.username,
        })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, signing_key: input.signingKey })),
    );
    w.audit({
      action: 'city.registerCounty',
      entity: 'county',
      entityId: input.code,
      after: { name: input.name, fingerprint: fingerprint(input.signingKey) },
    });
  });
  return { fingerprint: fingerprint(input.signingKey) };
}
