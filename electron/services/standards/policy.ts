import { policyValueSchemas, type PolicySettingRow } from '../../../shared/contract/standards';
import type { Month } from '../../../shared/domain/dates';
import {
  isPolicyKey,
  policyInForce,
  policyKeyLabels,
  type CountyPolicy,
  type PolicyKey,
  type PolicySetting,
} from '../../../shared/domain/entitlement/policy-settings';
import { describeIssues } from '../../../shared/contract';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';

/** One checked setting, or null when the key or the stored value is not one this version understands. */
export function parsePolicySetting(key: string, value: unknown, fromMonth: Month): PolicySetting | null {
  if (!isPolicyKey(key)) return null;
  const r = policyValueSchemas[key].safeParse(value);
  // The schema for `key` gave the value, so key and value agree; TypeScript cannot pair them through the index.
  return r.success
    ? ({ key, value: r.data, fromMonth } satisfies {
        key: PolicyKey;
        value: unknown;
        fromMonth: Month;
      } as PolicySetting)
    : null;
}

/** Every stored row, newest effective month first per key, with its JSON value parsed. */
export function listPolicySettings(store: ReadableStore): PolicySettingRow[] {
  return store
    .all(store.kysely.selectFrom('policy_settings').selectAll().orderBy('key').orderBy('from_month', 'desc'))
    .map((r) => ({
      id: r.id,
      key: r.key,
      value: JSON.parse(r.value) as unknown,
      fromMonth: r.from_month,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
}

/**
 * The policy in force in `month`. A stored value this version cannot read (a
 * newer program's key, a hand edit) is skipped rather than failing every
 * computation: the default or an earlier setting applies.
 */
export function readPolicyInForce(store: ReadableStore, month: Month): CountyPolicy {
  const settings = listPolicySettings(store).flatMap((r) => parsePolicySetting(r.key, r.value, r.fromMonth) ?? []);
  return policyInForce(settings, month);
}

export interface SetPolicyInput {
  key: PolicyKey;
  value: unknown;
  fromMonth: Month;
}

/** Sets one policy key from a month on; a setting already starting that month is replaced, audited with its old value. */
export function setPolicy(store: Store, actor: Actor, input: SetPolicyInput, now: string): PolicySettingRow {
  const parsed = policyValueSchemas[input.key].safeParse(input.value);
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', `${policyKeyLabels[input.key]}：${describeIssues(parsed.error.issues)}`, {
      field: 'value',
      code: 'POLICY_VALUE',
    });
  const json = JSON.stringify(parsed.data);
  return store.write(actor, (w) => {
    const existing = w.first(
      w.kysely
        .selectFrom('policy_settings')
        .selectAll()
        .where('key', '=', input.key)
        .where('from_month', '=', input.fromMonth),
    );
    const row = {
      key: input.key,
      value: json,
      from_month: input.fromMonth,
      created_at: now,
      created_by: actor.username,
    };
    if (existing?.value === json) {
      return {
        id: existing.id,
        key: existing.key,
        value: parsed.data,
        fromMonth: existing.from_month,
        createdAt: existing.created_at,
        createdBy: existing.created_by,
      };
    }
    let id: number;
    if (existing) {
      w.run(
        w.kysely
          .updateTable('policy_settings')
          .set({ value: json, created_at: now, created_by: actor.username })
          .where('id', '=', existing.id),
      );
      id = existing.id;
    } else {
      id = w.run(w.kysely.insertInto('policy_settings').values(row)).lastInsertRowid;
    }
    w.audit({
      action: existing ? 'policy.update' : 'policy.add',
      entity: 'policy_setting',
      entityId: id,
      before: existing
        ? { key: existing.key, fromMonth: existing.from_month, value: JSON.parse(existing.value) as unknown }
        : null,
      after: { key: input.key, fromMonth: input.fromMonth, value: parsed.data },
    });
    return {
      id,
      key: input.key,
      value: parsed.data,
      fromMonth: input.fromMonth,
      createdAt: now,
      createdBy: actor.username,
    };
  });
}
