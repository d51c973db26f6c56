import type { Standard } from '../../../shared/contract/standards';
import { programSchema } from '../../../shared/contract';
import { monthOf, type Month } from '../../../shared/domain/dates';
import { categoryRefusal } from '../../../shared/domain/entitlement/categories';
import type { StandardRow } from '../../../shared/domain/entitlement';
import type { Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';
import type { StandardsTable } from '../../db/schema';
import { readPolicyInForce } from './policy';

export interface SetStandardInput {
  program: Program;
  category: string;
  fromMonth: Month;
  amountFen: number;
}

export interface SetStandardResult extends Standard {
  /** The row starts before the current month: months already paid may owe a difference (补发差额). */
  retroactive: boolean;
  /** The amount this row had before, when an existing (program, category, month) row was replaced. */
  replaced: number | null;
}

function toStandard(r: Omit<StandardsTable, 'id'> & { id: number }): Standard {
  return {
    id: r.id,
    program: programSchema.parse(r.program),
    category: r.category,
    fromMonth: r.from_month,
    amountFen: r.amount_fen,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Every row ever set, grouped by program and category, newest effective month first within each. */
export function listStandards(store: ReadableStore): Standard[] {
  return store
    .all(
      store.kysely
        .selectFrom('standards')
        .selectAll()
        .orderBy('program')
        .orderBy('category')
        .orderBy('from_month', 'desc'),
    )
    .map(toStandard);
}

/** The stored rows as the engine takes them. No sample rows: a county without standards pays nothing (NO_STANDARD). */
export function standardRows(store: ReadableStore): StandardRow[] {
  return listStandards(store).map(({ program, category, fromMonth, amountFen }) => ({
    program,
    category,
    fromMonth,
    amountFen,
  }));
}

/**
 * Adds the rate for (program, category) from a month, or corrects the amount of
 * the row already starting that month. Earlier rows stay: they are the history
 * that months before `fromMonth` are paid by.
 */
export function setStandard(store: Store, actor: Actor, input: SetStandardInput, now: string): SetStandardResult {
  // Elder tiers are a policy setting: the category must be a tier of the policy in force from that month.
  const refusal = categoryRefusal(
    input.program,
    input.category,
    readPolicyInForce(store, input.fromMonth),
    input.fromMonth,
  );
  if (refusal)
    throw new AppError('INVALID_INPUT', `类别：${refusal}`, { field: 'category', code: 'STANDARD_CATEGORY' });
  const retroactive = input.fromMonth < monthOf(now);
  return store.write(actor, (w) => {
    const existing = w.first(
      w.kysely
        .selectFrom('standards')
        .selectAll()
        .where('program', '=', input.program)
        .where('category', '=', input.category)
        .where('from_month', '=', input.fromMonth),
    );
    if (existing?.amount_fen === input.amountFen) return { ...toStandard(existing), retroactive, replaced: null };
    const values = {
      program: input.program,
      category: input.category,
      from_month: input.fromMonth,
      amount_fen: input.amountFen,
      created_at: now,
      created_by: actor.username,
    };
    let id: number;
    if (existing) {
      // A correction of that month's amount: the row now names who set it last; the audit keeps the old amount.
      w.run(
        w.kysely
          .updateTable('standards')
          .set({ amount_fen: input.amountFen, created_at: now, created_by: actor.username })
          .where('id', '=', existing.id),
      );
      id = existing.id;
    } else {
      id = w.run(w.kysely.insertInto('standards').values(values)).lastInsertRowid;
    }
    const before = existing
      ? {
          program: existing.program,
          category: existing.category,
          fromMonth: existing.from_month,
          amountFen: existing.amount_fen,
        }
      : null;
    const after = {
      program: input.program,
      category: input.category,
      fromMonth: input.fromMonth,
      amountFen: input.amountFen,
      retroactive,
    };
    w.audit({ action: existing ? 'standard.update' : 'standard.add', entity: 'standard', entityId: id, before, after });
    return { ...toStandard({ id, ...values }), retroactive, replaced: existing?.amount_fen ?? null };
  });
}
