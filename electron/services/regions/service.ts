import type { Region } from '../../../shared/contract';
import { isTownshipCode, normalizeRegionCode, townshipOf } from '../../../shared/domain/region';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store, WritableStore } from '../../db/store';
import { countyRegions } from './divisions';

export function listRegions(store: ReadableStore): Region[] {
  return store
    .all(store.kysely.selectFrom('regions').selectAll().orderBy('level').orderBy('sort').orderBy('code'))
    .map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      ...(r.retired_at ? { retired: true } : {}),
    }));
}

/** Counts of live (not retired) townships and villages, for `status`. */
export function regionCounts(store: ReadableStore): { townships: number; villages: number } {
  const rows = store.all(
    store.kysely
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('retired_at', 'is', null)
      .groupBy('level'),
  );
  const n = (level: string) => Number(rows.find((r) => r.level === level)?.n ?? 0);
  return { townships: n('township'), villages: n('village') };
}

/** Adds or renames one township (code ending 000, or its 9 digits) or village; a village's township must exist. */
export function upsertRegion(w: WritableStore, countyCode: string, rawCode: string, name: string): Region {
  const code = normalizeRegionCode(rawCode);
  if (!code.startsWith(countyCode))
    throw new AppError('INVALID_INPUT', `区划代码：${code} 不属于本县区（${countyCode}）`);
  const level = isTownshipCode(code) ? 'township' : 'village';
  const parentCode = level === 'village' ? townshipOf(code) : null;
  if (parentCode && !w.first(w.kysely.selectFrom('regions').select('code').where('code', '=', parentCode))) {
    throw new AppError('INVALID_INPUT', `区划代码：村（社区）${code} 所属的乡镇（街道）${parentCode} 尚未登记`);
  }
  const before = w.first(w.kysely.selectFrom('regions').selectAll().where('code', '=', code));
  if (before?.name === name) return { code, name, level, parentCode };
  w.run(
    w.kysely
      .insertInto('regions')
      .values({ code, name, level, parent_code: parentCode })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name })),
  );
  w.audit({
    action: before ? 'region.rename' : 'region.add',
    entity: 'region',
    entityId: code,
    before: before ? { name: before.name } : undefined,
    after: { name },
  });
  return { code, name, level, parentCode };
}

export function saveRegion(store: Store, actor: Actor, countyCode: string, code: string, name: string): Region {
  return store.write(actor, (w) => upsertRegion(w, countyCode, code, name));
}

export interface NationalLoad {
  townships: number;
  villages: number;
  added: number;
  renamed: number;
}

/**
 * Puts the county's townships and villages from the national list into the
 * register, in one transaction with one audit row naming the counts. Regions the
 * office already has keep their names unless `renameExisting`; its own additions
 * and retirements stay as they are.
 */
export function loadNationalRegions(w: WritableStore, countyCode: string, renameExisting = false): NationalLoad {
  const national = countyRegions(countyCode);
  if (national.length === 0)
    throw new AppError('INVALID_INPUT', `县区代码：全国区划中没有 ${countyCode} 的乡镇（街道），请检查代码`);
  const existing = new Map(
    w.all(w.kysely.selectFrom('regions').select(['code', 'name'])).map((r) => [r.code, r.name] as const),
  );
  let added = 0;
  let renamed = 0;
  const rows: Array<{
    code: string;
    name: string;
    level: 'township' | 'village';
    parent_code: string | null;
    sort: number;
  }> = [];
  national.forEach((r, i) => {
    const had = existing.get(r.code);
    if (had === undefined) added++;
    else if (had === r.name || !renameExisting) return;
    else renamed++;
    rows.push({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, sort: i });
  });
  // Townships come before their villages in `national`, so each chunk finds its parents.
  for (let i = 0; i < rows.length; i += 500)
    w.run(
      w.kysely
        .insertInto('regions')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))),
    );
  const townships = national.filter((r) => r.level === 'township').length;
  const result = { townships, villages: national.length - townships, added, renamed };
  w.audit({
    action: 'region.loadNational',
    entity: 'region',
    after: { countyCode, source: '统计用区划代码 2023', ...result },
  });
  return result;
}

/** Retires (or brings back) a region; a retired township retires its villages. Nothing is deleted. */
export function retireRegion(
  store: Store,
  actor: Actor,
  code: string,
  retired: boolean,
): { code: string; retired: boolean } {
  return store.write(actor, (w) => {
    const row = w.first(w.kysely.selectFrom('regions').selectAll().where('code', '=', code));
    if (!row) throw new AppError('INVALID_INPUT', `区划代码：${code} 尚未登记`);
    if (!retired && row.parent_code) {
      const parent = w.first(w.kysely.selectFrom('regions').select('retired_at').where('code', '=', row.parent_code));
      if (parent?.retired_at)
        throw new AppError('INVALID_INPUT', `区划代码：所属乡镇（街道）${row.parent_code} 已停用，请先恢复乡镇`);
    }
    const at = retired ? new Date().toISOString() : null;
    const codes = row.level === 'township' && retired ? [code, ...childCodes(w, code)] : [code];
    w.run(w.kysely.updateTable('regions').set({ retired_at: at }).where('code', 'in', codes));
    w.audit({
      action: retired ? 'region.retire' : 'region.restore',
      entity: 'region',
      entityId: code,
      before: { name: row.name, retired: Boolean(row.retired_at) },
      after: { name: row.name, retired, villages: codes.length - 1 },
    });
    return { code, retired };
  });
}

function childCodes(w: WritableStore, township: string): string[] {
  return w.all(w.kysely.selectFrom('regions').select('code').where('parent_code', '=', township)).map((r) => r.code);
}
