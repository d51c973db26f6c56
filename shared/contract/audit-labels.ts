import { formatFen } from '../domain/money';
import { payoutKindLabels, payoutStatusLabels, type PayoutKind, type PayoutStatus } from '../domain/payouts';
import { programLabels, type Program } from '../domain/programs';
import { fieldLabels } from './fields';
import { statusLabels } from './registers';
import { roleLabels, type Role } from './roles';

/**
 * Every action the audit log records, with the words the 操作日志 shows. The
 * writer's type (electron/db/audit.ts) accepts only these keys, and a unit test
 * scans the code for actions written with none: an unlabelled action cannot land.
 */
export const auditActionLabels = {
  'app.init': '初始设置',
  'user.add': '新增用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.resetPassword': '重设密码',
  'user.passwordChanged': '修改密码',
  'user.passwordRecovered': '凭恢复码重设密码',
  'login.succeeded': '登录成功',
  'login.failed': '登录失败',
  'login.lockedOut': '连续失败被锁定',
  'login.refusedLocked': '锁定期间尝试登录',
  'login.refusedDisabled': '停用用户尝试登录',
  'session.locked': '锁定屏幕',
  'session.unlocked': '解锁屏幕',
  'session.logout': '退出登录',
  'access.denied': '越权操作被拒绝',
  'settings.update': '修改系统设置',
  'backup.create': '备份',
  'backup.restore': '恢复备份',
  'backup.restoreCompleted': '完成中断的恢复',
  'backup.restoreRolledBack': '撤销中断的恢复',
  'audit.anchorReset': '重建审计锚点',
  'login.recordTampered': '登录失败记录被改动',
  'key.rekey': '更换数据库密钥',
  'key.rawKey': '数据库改用直接密钥（打开时免去密钥派生）',
  'key.signingCreated': '生成本县签名密钥',
  'document.settings': '修改文书设置',
  'document.issue': '开具文书',
  'document.reprint': '补打文书',
  'document.print': '打印文书',
  'document.batch': '批量打印文书',
  'document.docx': '导出 Word 文书',
  'document.calibration': '保存套打校准',
  'standard.add': '新增补贴标准',
  'standard.update': '修改补贴标准',
  'policy.add': '新增政策设置',
  'policy.update': '修改政策设置',
  'check.dismiss': '忽略预警',
  'person.add': '人员新增',
  'person.update': '人员信息修改',
  'person.death': '登记死亡',
  'person.revealId': '查看完整身份证号',
  'deaths.import': '导入死亡名单',
  'region.add': '新增区划',
  'region.rename': '修改区划名称',
  'region.import': '导入区划',
  'region.loadNational': '载入全国区划',
  'region.retire': '停用区划',
  'region.restore': '恢复区划',
  'enrolment.add': '待遇申请登记',
  'enrolment.update': '待遇信息修改',
  'enrolment.review': '初审',
  'enrolment.approve': '审批通过',
  'enrolment.reject': '不予批准',
  'enrolment.publicize': '公示',
  'enrolment.activate': '纳入在册',
  'enrolment.change': '待遇变更',
  'enrolment.suspend': '暂停发放',
  'enrolment.resume': '恢复发放',
  'enrolment.stop': '终止待遇',
  'enrolment.reinstate': '恢复待遇',
  'enrolment.annualReview': '年度复核通过',
  'enrolment.withdraw': '撤回申请',
  'enrolment.bulk': '批量办理待遇流程',
  'payout.generate': '生成发放批次',
  'payout.review': '复核发放批次',
  'payout.lock': '锁定发放批次',
  'payout.void': '作废发放批次',
  'payout.exportBank': '导出银行文件',
  'payout.importReturn': '导入银行回盘',
  'recovery.add': '登记追缴',
  'recovery.recovered': '追缴已追回',
  'recovery.waived': '免予追缴',
  'recovery.pending': '追缴改为待追缴',
  'recovery.update': '追缴金额更新',
  'recovery.cancel': '撤销追缴（未多发）',
  'bank.template.add': '新增银行文件模板',
  'bank.template.update': '修改银行文件模板',
  'print.pdf': '另存为 PDF',
  'print.paper': '打印',
  'export.table': '导出表格',
  'import.commit': '导入台账',
  'import.exportReport': '导出导入校验报告',
  'import.saveMapping': '保存导入列对应',
  'demo.generate': '生成演示数据',
  'log.save': '导出运行日志',
  'keys.signingCreated': '生成上报签名密钥',
  'keys.cityIdentityCreated': '生成市级接收密钥',
  'keys.setRecipient': '设置市级接收方公钥',
  'package.export': '生成上报数据包',
  'package.import': '导入上报数据包',
  'package.supersede': '导入更新的上报数据包（旧包保留）',
  'city.registerCounty': '登记下辖县（区）',
  'package.exportConsolidated': '导出上报汇总表',
  'report.export': '导出统计报表',
} as const;
export type AuditAction = keyof typeof auditActionLabels;

/** Sign-in events kept outside the database until it opens (welfare.logins.json). */
export const loginAuditActions = [
  'login.failed',
  'login.lockedOut',
  'login.refusedLocked',
  'login.refusedDisabled',
  'login.recordTampered',
] as const;

export const auditEntityLabels = {
  app: '系统',
  user: '用户',
  session: '登录',
  channel: '功能',
  settings: '设置',
  backup: '备份',
  key: '密钥',
  keyring: '密钥',
  audit: '操作日志',
  standard: '补贴标准',
  policy_setting: '政策设置',
  person: '人员',
  region: '区划',
  enrolment: '待遇记录',
  payout_batch: '发放批次',
  recovery: '追缴记录',
  bank_template: '银行文件模板',
  export: '导出文件',
  import: '导入文件',
  demo: '演示数据',
  check: '预警',
  document: '文书',
  keys: '上报密钥',
  package: '上报数据包',
  county: '下辖县（区）',
  report: '统计报表',
} as const;
export type AuditEntity = keyof typeof auditEntityLabels;

export const auditActionLabel = (a: string): string => (auditActionLabels as Record<string, string>)[a] ?? '其他操作';
export const auditEntityLabel = (e: string): string => (auditEntityLabels as Record<string, string>)[e] ?? '其他';

/** Payload keys the forms do not name (database columns, service summaries). */
const extraFieldLabels: Record<string, string> = {
  status: '状态',
  sex: '性别',
  birthDate: '出生日期',
  grade: '等级',
  level: '层级',
  parentCode: '上级区划',
  idNumberOriginal: '原15位身份证号',
  namePinyin: '姓名拼音',
  nameInitials: '拼音首字母',
  certificateId: '残疾人证',
  enteredBy: '录入人',
  reviewedBy: '初审人',
  reviewedOn: '初审日期',
  approvedBy: '审批人',
  approvedOn: '审批日期',
  publicityTo: '公示截止日期',
  createdAt: '创建时间',
  createdBy: '创建人',
  updatedAt: '修改时间',
  updatedBy: '修改人',
  disabledAt: '停用时间',
  passwordChangedAt: '密码修改时间',
  batchNo: '批次号',
  batchId: '发放批次',
  period: '发放期间',
  lines: '笔数',
  totalFen: '金额合计',
  byKind: '按类型',
  held: '暂缓发放',
  recoveriesFound: '新发现追缴',
  templateId: '银行文件模板',
  file: '文件',
  bytes: '大小（字节）',
  sha256: '文件校验值',
  reportSha256: '报告校验值',
  rows: '行数',
  size: '文件大小',
  report: '报表',
  created: '新增人数',
  updated: '更新人数',
  rejected: '拒绝行数',
  skippedUpdates: '跳过的更新',
  matched: '匹配笔数',
  unmatched: '未匹配',
  paid: '成功笔数',
  failed: '失败笔数',
  document: '文书',
  printer: '打印机',
  format: '格式',
  path: '位置',
  kind: '类型',
  dbSha256: '数据库校验值',
  auditHead: '日志链头',
  schemaVersion: '数据库版本',
  version: '版本',
  profile: '单位信息',
  code: '代码',
  title: '标题',
  fields: '字段',
  count: '数量',
  months: '月份数',
  amount: '金额',
  recoveredOn: '追回日期',
  waivedReason: '免予追缴原因',
  columns: '列',
  encoding: '编码',
  headerRow: '表头行',
  fileNamePattern: '文件名格式',
  standardFrom: '标准起始月',
  standardFen: '标准',
  settings: '设置',
  restoredFrom: '恢复自',
  mapping: '列对应',
  importMaxMegabytes: '导入文件大小上限',
};

const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function auditFieldLabel(key: string): string {
  const c = camel(key);
  return fieldLabels[c] ?? extraFieldLabels[c] ?? fieldLabels[key] ?? extraFieldLabels[key] ?? key;
}

const dibaoLabels: Record<string, string> = { none: '无', urban: '城市低保', rural: '农村低保', edge: '低保边缘' };
const tekunLabels: Record<string, string> = { none: '无', centralized: '集中供养', dispersed: '分散供养' };

/** A payload value as the page shows it: 元 for fen, 是/否, Chinese names of statuses, programs and roles. */
export function auditValueText(key: string, value: unknown): string {
  const c = camel(key);
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && /Fen$/.test(c)) return `${formatFen(value)} 元`;
  if (typeof value === 'number' && c === 'injuryCare') return value ? '是' : '否';
  if (c === 'tekun' && typeof value === 'string' && value in tekunLabels) return tekunLabels[value] ?? value;
  if (typeof value === 'string') {
    if (c === 'status' && value in statusLabels) return statusLabels[value as keyof typeof statusLabels];
    if (c === 'status' && value in payoutStatusLabels) return payoutStatusLabels[value as PayoutStatus];
    if (c === 'program' && value in programLabels) return programLabels[value as Program];
    if (c === 'kind' && value in payoutKindLabels) return payoutKindLabels[value as PayoutKind];
    if (c === 'dibao' && value in dibaoLabels) return dibaoLabels[value] ?? value;
    if (c === 'sex')
      return value === 'M' || value === 'male' ? '男' : value === 'F' || value === 'female' ? '女' : value;
    if (c === 'roles')
      return value
        .split(',')
        .map((r) => roleLabels[r as Role] ?? r)
        .join('、');
    return value;
  }
  if (Array.isArray(value)) {
    if (c === 'roles') return value.map((r) => roleLabels[r as Role] ?? String(r)).join('、');
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditFieldLabel(k)} ${auditValueText(k, v)}`)
      .join('，');
  }
  return String(value);
}

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { 值: v };
  } catch {
    return { 值: json };
  }
}

/** The fields a row changed (or recorded), in Chinese: 字段：旧值 → 新值. */
export function auditChanges(beforeJson: string | null, afterJson: string | null): AuditChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]) || !before)
    .map((k) => ({
      field: k,
      label: auditFieldLabel(k),
      before: before && k in before ? auditValueText(k, before[k]) : null,
      after: after && k in after ? auditValueText(k, after[k]) : null,
    }));
}

export function auditChangeText(c: AuditChange): string {
  if (c.before !== null && c.after !== null) return `${c.label}：${c.before} → ${c.after}`;
  return `${c.label}：${c.after ?? c.before ?? '（空）'}`;
}
