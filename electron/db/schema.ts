/**
 * Kysely's view of the tables. One interface per table, named as in SQL; every
 * migration that adds or changes a table updates this file in the same commit.
 */
export interface MetaTable {
  key: string;
  value: string;
}

export interface DB {
  meta: MetaTable;
}

/** Chinese names of the tables, for the database page. */
export const tableLabels: Record<string, string> = {
  meta: '基本信息',
};
