import { CompiledQuery, type Compilable } from 'kysely';

/**
 * A hand-written SELECT for set queries clearer as SQL than as builder chains;
 * it runs through the store's statement cache like any Kysely query. The row
 * type is the caller's promise about the SELECT list next to it.
 */
export function rawQuery<R>(sql: string, ...parameters: unknown[]): Compilable<R> {
  return { compile: () => CompiledQuery.raw(sql, parameters) as CompiledQuery<R> };
}
