import type { ReadableStore, WritableStore } from '../../db/store';

export type MetaKey =
  'county_code' | 'county_name' | 'office_name' | 'created_at' | 'created_by_version' | 'level' | 'city_recipient';

export function readMeta(store: ReadableStore): Partial<Record<MetaKey, string>> {
  const rows = store.all(store.kysely.selectFrom('meta').select(['key', 'value']));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function writeMeta(w: WritableStore, values: Partial<Record<MetaKey, string>>): void {
  for (const [key, value] of Object.entries(values)) {
    w.run(
      w.kysely
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
    );
  }
}
