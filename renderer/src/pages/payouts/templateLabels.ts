import type { BankTemplate } from '../../../../shared/contract/payouts';

export type BankField = BankTemplate['columns'][number]['field'];
export type BankFormat = BankTemplate['format'];
export type BankEncoding = BankTemplate['encoding'];

/** What each column of a bank file holds, as the user reads it. */
export const bankFieldLabels: Record<BankField, string> = {
  seq: '序号',
  reference: '流水号',
  name: '姓名',
  idNumber: '身份证号',
  account: '账号',
  holder: '户名/持卡人',
  bankName: '开户行',
  amountYuan: '金额（元）',
  amountFen: '金额（分）',
  month: '所属月份',
  kind: '发放类型',
  township: '乡镇',
  village: '村（社区）',
  note: '摘要/备注',
};

/** A header the bank usually expects for a field: the label without the alternative after "/". */
export const defaultHeader = (field: BankField) => bankFieldLabels[field].split('/')[0] ?? bankFieldLabels[field];

export const bankFormatLabels: Record<BankFormat, string> = {
  xlsx: 'Excel（xlsx）',
  csv: 'CSV（逗号分隔）',
  txt: '定长文本（txt）',
};
export const bankEncodingLabels: Record<BankEncoding, string> = { utf8: 'UTF-8', gbk: 'GBK' };

/** Fields written right-aligned in a fixed-width file, as the service does. */
export const numericFields: ReadonlySet<BankField> = new Set(['seq', 'amountYuan', 'amountFen']);

/** The placeholders a file name pattern may use. */
export const fileNameVars = [
  { token: '{program}', label: '项目简称' },
  { token: '{period}', label: '发放月份' },
  { token: '{batchNo}', label: '批次号' },
] as const;

/** What a new template starts from. */
export const blankTemplate: Omit<BankTemplate, 'id'> = {
  name: '',
  format: 'txt',
  encoding: 'gbk',
  headerRow: false,
  columns: [
    { field: 'account', header: '账号', width: 20 },
    { field: 'holder', header: '户名', width: 20 },
    { field: 'amountYuan', header: '金额', width: 12 },
  ],
  fileNamePattern: '{program}-{period}-{batchNo}',
};
