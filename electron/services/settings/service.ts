import { defaultSettings, settingsSchema, type Settings } from '../../../shared/contract';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';

export function readSettings(store: ReadableStore): Settings {
  const rows = store.all(store.kysely.selectFrom('settings').select(['key', 'value']));
  const values: Record<string, unknown> = { ...defaultSettings };
  for (const r of rows) values[r.key] = JSON.parse(r.value);
  const parsed = settingsSchema.safeParse(values);
  return parsed.success ? parsed.data : defaultSettings;
}

export function updateSettings(store: Store, actor: Actor, patch: Partial<Settings>): Settings {
  if (Object.keys(patch).length === 0) return readSettings(store);
  return store.write(actor, (w) => {
    const before = readSettings(w);
    for (const [key, value] of Object.entries(patch)) {
      const json = JSON.stringify(value);
      w.run(
        w.kysely
          .insertInto('settings')
          .values({ key, value: json })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
      );
    }
    const after = readSettings(w);
    w.audit({ action: 'settings.update', entity: 'settings', before, after });
    return after;
  });
}
