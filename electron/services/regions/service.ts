import type { Region } from '../../../shared/contract';
import { isTownshipCode, townshipOf } from '../../../shared/domain/region';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store, WritableStore } from '../../db/store';

export function listRegions(store: ReadableStore): Region[] {
  return store
    .all(store.kysely.selectFrom('regions').selectAll().orderBy('level').orderBy('sort').orderBy('code'))
    .map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

/** Adds or renames one township (code ending 000) or village; a village's township must exist. */
export function upsertRegion(w: WritableStore, countyCode: string, code: string, name: string): Region {
  if (!code.startsWith(countyCode))
    throw new AppError('INVALID_INPUT', `区划代码：${code} 不属于本县区（${countyCode}）`);
  const level = isTownshipCode(code) ? 'township' : 'village';
  const parentCode = level === 'village' ? townshipOf(code) : null;
  if (parentCode && !w.first(w.kysely.selectFrom('regions').select('code').where('code', '=', parentCode))) {
    throw new AppError('INVALID_INPUT', `区划代码：村（社区）${code} 所属的乡镇（街道）${parentCode} 尚未登记`);
  }
  const before = w.first(w.kysely.selectFrom('regions').selectAll().where('code', '=', code));
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
