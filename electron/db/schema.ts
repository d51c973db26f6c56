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

/** One person created by a bulk import, under its `import.commit` audit row (migration 0015). */
export interface AuditImportRowsTable {
  audit_seq: number;
  row: number;
  person_id: number;
  enrolment_id: number | null;
  row_hash: string;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
}

export interface RegionsTable {
  code: string;
  name: string;
  level: 'township' | 'village';
  parent_code: string | null;
  sort: Generated<number>;
  retired_at: Generated<string | null>;
}

export interface PersonsTable {
  id: Generated<number>;
  id_number: string;
  id_number_original: string | null;
  name: string;
  name_pinyin: string;
  name_initials: string;
  sex: 'M' | 'F';
  birth_date: string;
  ethnicity: string | null;
  phone: string | null;
  hukou_type: 'urban' | 'rural' | null;
  village_code: string | null;
  address: string | null;
  dibao: 'none' | 'urban' | 'rural' | 'edge';
  tekun: 'none' | 'centralized' | 'dispersed';
  injury_care: number;
  bank_name: string | null;
  bank_account: string | null;
  account_holder_name: string | null;
  account_holder_id: string | null;
  death_date: string | null;
  moved_out_date: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface CertificatesTable {
  id: Generated<number>;
  person_id: number;
  number: string;
  category: number;
  grade: number;
  issued_on: string | null;
  expires_on: string | null;
}

export interface EnrolmentsTable {
  id: Generated<number>;
  person_id: number;
  program: string;
  status: string;
  applied_on: string;
  certificate_id: number | null;
  child_mode: string | null;
  guardian_name: string | null;
  guardian_id_number: string | null;
  guardian_relation: string | null;
  guardian_phone: string | null;
  father_situation: string | null;
  mother_situation: string | null;
  situation_evidence: string | null;
  school_proof_until: string | null;
  note: string | null;
  entered_by: string;
  created_at: string;
  updated_at: string;
  reviewed_on: string | null;
  reviewed_by: string | null;
  approved_on: string | null;
  approved_by: string | null;
  publicity_from: string | null;
  publicity_to: string | null;
}

export interface StandardsTable {
  id: Generated<number>;
  program: string;
  category: string;
  from_month: string;
  amount_fen: number;
  created_at: string;
  created_by: string;
}

export interface PolicySettingsTable {
  id: Generated<number>;
  key: string;
  /** JSON. */
  value: string;
  from_month: string;
  created_at: string;
  created_by: string;
}

export interface EnrolmentEventsTable {
  id: Generated<number>;
  enrolment_id: number;
  at: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  effective_month: string | null;
  reason: string | null;
  username: string;
  changes_json: string | null;
}

export interface CheckDismissalsTable {
  id: Generated<number>;
  kind: string;
  subject: string;
  reason: string;
  dismissed_at: string;
  dismissed_by: string;
}

export type PayoutStatus = 'draft' | 'reviewed' | 'locked' | 'exported' | 'returned' | 'voided';
export type PayoutKind = 'regular' | 'backpay' | 'difference' | 'reissue';

export interface PayoutBatchesTable {
  id: Generated<number>;
  batch_no: string;
  program: 'disability-living' | 'disability-care' | 'orphan' | 'unattended-child' | 'elderly';
  period_from: string;
  period_to: string;
  status: PayoutStatus;
  line_count: number;
  total_fen: number;
  created_at: string;
  created_by: string;
  generated_at: string;
  generated_by: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  locked_at: string | null;
  locked_by: string | null;
  exported_at: string | null;
  exported_by: string | null;
  returned_at: string | null;
  returned_by: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  /** Payees held out at generation for want of a bank account (JSON, 0010). */
  held_json: Generated<string>;
  /** When the batch's money cells were last summed; NULL when they are not known fresh (0017). */
  cells_at: string | null;
}

export interface PayoutLinesTable {
  id: Generated<number>;
  batch_id: number;
  enrolment_id: number;
  person_id: number;
  month: string;
  kind: PayoutKind;
  category: string;
  standard_from: string;
  standard_fen: number;
  amount_fen: number;
  reissue_of: number | null;
  name: string;
  id_number: string;
  bank_name: string | null;
  bank_account: string | null;
  account_holder: string | null;
  township: string | null;
  village: string | null;
  note: string;
  voided: number;
  bank_status: 'pending' | 'paid' | 'failed';
  bank_reason: string | null;
  /** The batch's program (0010). */
  program: string;
  /** The recovery that brought the month's money back in full: the line is no longer live (0010). */
  recovered_by: number | null;
}

/** A committed batch's money summed by the reports' dimensions (0017). */
export interface PayoutBatchCellsTable {
  batch_id: number;
  kind: PayoutKind;
  failed: number;
  township: string;
  category: string;
  cert_category: number | null;
  cert_grade: number | null;
  lines: number;
  fen: number;
}

export interface PayoutRecoveriesTable {
  id: Generated<number>;
  enrolment_id: number;
  person_id: number;
  month: string;
  amount_fen: number;
  reason: string;
  status: 'pending' | 'recovered' | 'waived' | 'cancelled';
  found_at: string;
  found_by: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolved_note: string | null;
}

export interface BankTemplatesTable {
  id: Generated<number>;
  name: string;
  format: 'xlsx' | 'csv' | 'txt';
  encoding: 'utf8' | 'gbk';
  header_row: number;
  columns_json: string;
  file_name_pattern: string;
  updated_at: string;
  updated_by: string;
}

export interface DocumentCountersTable {
  series: string;
  year: number;
  last: number;
}

export interface DocumentsTable {
  id: Generated<number>;
  kind: 'decision-notice' | 'stop-notice' | 'change-notice' | 'certificate';
  /** What the document is about, e.g. `event:12` or `enrolment:7`: one document per kind and subject. */
  subject: string;
  series: string;
  year: number;
  seq: number;
  number: string;
  person_id: number;
  enrolment_id: number | null;
  program: string;
  /** The signed verification code printed as the QR. */
  code: string | null;
  issued_at: string;
  issued_by: string;
  reprints: Generated<number>;
  last_printed_at: string;
}

export interface PrintCalibrationsTable {
  workstation: string;
  template: string;
  printer: string;
  dx_mm: number;
  dy_mm: number;
  updated_at: string;
  updated_by: string;
}

export interface PackageKeysTable {
  kind: 'signing' | 'city-identity';
  public_key: string;
  secret_key: string;
  created_at: string;
}

export interface PackageExportsTable {
  id: Generated<number>;
  period_from: string;
  period_to: string;
  sequence: number;
  roster: 'none' | 'masked' | 'full';
  file_name: string;
  sha256: string;
  bytes: number;
  created_at: string;
  created_by: string;
}

export interface CityCountiesTable {
  code: string;
  name: string;
  signing_key: string;
  registered_at: string;
  registered_by: string;
}

export interface CityPackagesTable {
  id: Generated<number>;
  county_code: string;
  period_from: string;
  period_to: string;
  sequence: number;
  sha256: string;
  manifest_json: string;
  tables_json: string;
  roster_rows: number;
  roster_json: string | null;
  /** The roster part, deflated (zlib), for packages imported from schema 18 on. */
  roster_deflate: Uint8Array | null;
  imported_at: string;
  imported_by: string;
  superseded_at: string | null;
  superseded_by: number | null;
}

export interface DB {
  meta: MetaTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  audit_import_rows: AuditImportRowsTable;
  settings: SettingsTable;
  regions: RegionsTable;
  persons: PersonsTable;
  disability_certificates: CertificatesTable;
  enrolments: EnrolmentsTable;
  enrolment_events: EnrolmentEventsTable;
  standards: StandardsTable;
  policy_settings: PolicySettingsTable;
  check_dismissals: CheckDismissalsTable;
  payout_batches: PayoutBatchesTable;
  payout_lines: PayoutLinesTable;
  payout_batch_cells: PayoutBatchCellsTable;
  payout_recoveries: PayoutRecoveriesTable;
  bank_templates: BankTemplatesTable;
  document_counters: DocumentCountersTable;
  documents: DocumentsTable;
  print_calibrations: PrintCalibrationsTable;
  package_keys: PackageKeysTable;
  package_exports: PackageExportsTable;
  city_counties: CityCountiesTable;
  city_packages: CityPackagesTable;
}

/** Chinese names of the tables, for the database page. */
export const tableLabels: Record<string, string> = {
  meta: '基本信息',
  users: '用户',
  audit_log: '操作日志',
  audit_import_rows: '导入新增人员记录',
  settings: '系统设置',
  regions: '行政区划',
  persons: '人员',
  disability_certificates: '残疾人证',
  enrolments: '享受待遇记录',
  enrolment_events: '待遇变动记录',
  standards: '补贴标准',
  policy_settings: '政策设置',
  check_dismissals: '已忽略的预警',
  payout_batches: '发放批次',
  payout_lines: '发放明细',
  payout_batch_cells: '发放金额汇总',
  payout_recoveries: '追缴记录',
  bank_templates: '银行文件模板',
  document_counters: '文书编号',
  documents: '已开具文书',
  print_calibrations: '套打校准',
  package_keys: '上报签名密钥',
  package_exports: '上报数据包记录',
  city_counties: '下辖县（区）',
  city_packages: '已导入的上报数据包',
};
