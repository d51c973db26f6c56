import type { Generated } from 'kysely';

/**
 * Kysely's view of the tables. One interface per table, named as in SQL; every
 * migration that adds or changes a table updates this file in the same commit.
 */
export interface MetaTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** JSON array of Role. */
  roles: string;
  disabled_at: string | null;
  created_at: string;
  created_by: string | null;
  password_changed_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  username: string;
  channel: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
}

export interface DB {
  meta: MetaTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}

/** Chinese names of the tables, for the database page. */
export const tableLabels: Record<string, string> = {
  meta: '基本信息',
  users: '用户',
  audit_log: '操作日志',
  settings: '系统设置',
};
