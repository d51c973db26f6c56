import { columnMappingSchema, type ColumnMappingInput } from '../../../shared/contract';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';

/** The office's saved header → field corrections live in the settings table under this key. */
const KEY = 'import.columnMapping';

export function readMapping(store: ReadableStore): ColumnMappingInput {
  const row = store.first(store.kysely.selectFrom('settings').select('value').where('key', '=', KEY));
  if (!row) return {};
  const parsed = columnMappingSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : {};
}

/** Merges `mapping` into the saved one (a header mapped again replaces its old field), audited. */
export function saveMapping(store: Store, actor: Actor, mapping: ColumnMappingInput): ColumnMappingInput {
  return store.write(actor, (w) => {
    const before = readMapping(w);
    const after = { ...before, ...mapping };
    const json = JSON.stringify(after);
    w.run(
      w.kysely
        .insertInto('settings')
        .values({ key: KEY, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
    );
    w.audit({ action: 'import.saveMapping', entity: 'settings', entityId: KEY, before, after });
    return after;
  });
}
