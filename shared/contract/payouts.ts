import { z } from 'zod';
import { parseMonth } from '../domain/dates';
import { payoutKinds } from '../domain/payouts';
import { programs } from '../domain/programs';
import { channel } from './channel';
import { jobInput } from './jobs';
import { access } from './roles';

const month = z.string().refine((s) => parseMonth(s) !== null, { message: '不是有效月份（格式 YYYY-MM）' });
const programSchema = z.enum(programs, { message: '不是本系统的补贴项目' });
const batchId = z.number({ message: '应为批次编号' }).int().positive();
const kindSchema = z.enum(payoutKinds);
export const payoutStatusSchema = z.enum(['draft', 'reviewed', 'locked', 'exported', 'returned', 'voided']);
export const printDocumentSchema = z.enum(['roster', 'slips', 'summary']);
export type PrintDocument = z.infer<typeof printDocumentSchema>;

const kindTotals = z.object({ lines: z.number().int(), fen: z.number().int() });

export const batchSchema = z.object({
  id: z.number(),
  batchNo: z.string(),
  program: programSchema,
  periodFrom: z.string(),
  periodTo: z.string(),
  status: payoutStatusSchema,
  lineCount: z.number().int(),
  totalFen: z.number().int(),
  byKind: z.object({ regular: kindTotals, backpay: kindTotals, difference: kindTotals, reissue: kindTotals }),
  generatedAt: z.string(),
  generatedBy: z.string(),
  reviewedBy: z.string().nullable(),
  lockedBy: z.string().nullable(),
  /** Display names (李经办) of the three above, for lists and signatures. */
  names: z.object({ generatedBy: z.string(), reviewedBy: z.string().nullable(), lockedBy: z.string().nullable() }),
  exportedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** Bank-failed lines waiting for a corrected account, and lines the bank has marked. */
  held: z.number().int(),
  /** Payees held out of this batch for want of a bank account (listed by payout.get and payout.generate). */
  withoutAccount: z.number().int(),
  paidLines: z.number().int(),
  failedLines: z.number().int(),
});
export type Batch = z.infer<typeof batchSchema>;

/** A payee the batch does not pay for want of a bank account: the months stay payable, paid by a later batch once it is entered. */
export const heldPayeeSchema = z.object({
  enrolmentId: z.number(),
  personId: z.number(),
  name: z.string(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  months: z.array(z.string()),
  amountFen: z.number().int(),
  reason: z.string(),
});
export type HeldPayee = z.infer<typeof heldPayeeSchema>;

export const lineSchema = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  personId: z.number(),
  month: z.string(),
  kind: kindSchema,
  category: z.string(),
  standardFen: z.number().int(),
  amountFen: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  /** The card holder when not the beneficiary (a guardian for a child). */
  accountHolder: z.string().nullable(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  note: z.string(),
  bankStatus: z.enum(['pending', 'paid', 'failed']),
  bankReason: z.string().nullable(),
});
export type PayoutLine = z.infer<typeof lineSchema>;

const diffRow = z.object({
  enrolmentId: z.number(),
  personId: z.number(),
  name: z.string(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  beforeFen: z.number().int(),
  afterFen: z.number().int(),
  reason: z.string(),
});
export type DiffRow = z.infer<typeof diffRow>;

export const recoverySchema = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  personId: z.number(),
  name: z.string(),
  program: programSchema,
  month: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  /** cancelled: the system found it no longer owed (a reinstatement, a voided batch); waived is the head's decision. */
  status: z.enum(['pending', 'recovered', 'waived', 'cancelled']),
  foundAt: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedNote: z.string().nullable(),
});
export type Recovery = z.infer<typeof recoverySchema>;

export const bankColumnFields = [
  'seq',
  'reference',
  'name',
  'idNumber',
  'account',
  'holder',
  'bankName',
  'amountYuan',
  'amountFen',
  'month',
  'kind',
  'township',
  'village',
  'note',
] as const;
export const bankTemplateSchema = z.object({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1, { message: '请填写模板名称' }).max(40),
  format: z.enum(['xlsx', 'csv', 'txt']),
  encoding: z.enum(['utf8', 'gbk']),
  headerRow: z.boolean(),
  columns: z
    .array(
      z
        .object({
          field: z.enum(bankColumnFields),
          header: z.string().trim().min(1).max(30),
          width: z.number().int().min(1).max(80).optional(),
        })
        .strict(),
    )
    .min(1, { message: '至少需要一列' })
    .max(30),
  fileNamePattern: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\\/:*?"<>|]+$/, { message: '不能含有 \\ / : * ? " < > |' }),
});
export type BankTemplate = z.infer<typeof bankTemplateSchema>;

const clerk = access.roles('clerk');
const staff = access.roles('clerk', 'reviewer', 'head');

export const payoutChannels = {
  'payout.list': channel({
    title: '发放批次列表',
    access: staff,
    input: z.object({ program: programSchema.optional() }).strict(),
    output: z.array(batchSchema),
  }),
  'payout.get': channel({
    title: '发放批次明细',
    access: staff,
    input: z.object({ batchId }).strict(),
    output: z.object({
      batch: batchSchema,
      lines: z.array(lineSchema),
      heldOut: z.array(heldPayeeSchema),
      idsMasked: z.boolean(),
    }),
  }),
  'payout.generate': channel({
    title: '生成发放批次',
    access: clerk,
    job: { kind: 'payout', cancelled: '已取消生成：没有生成批次，数据库未作任何改动' },
    input: z.object({ program: programSchema, month, ...jobInput }).strict(),
    output: batchSchema.extend({ recoveriesFound: z.number().int(), heldOut: z.array(heldPayeeSchema) }),
  }),
  'payout.review': channel({
    title: '复核发放批次',
    access: access.roles('reviewer'),
    input: z.object({ batchId }).strict(),
    output: batchSchema,
  }),
  'payout.lock': channel({
    title: '锁定发放批次',
    access: access.roles('head'),
    input: z.object({ batchId }).strict(),
    output: batchSchema,
  }),
  'payout.void': channel({
    title: '作废发放批次',
    access: access.roles('head'),
    input: z
      .object({ batchId, reason: z.string().trim().min(2, { message: '请填写作废原因（至少 2 个字）' }).max(200) })
      .strict(),
    output: batchSchema,
  }),
  'payout.diff': channel({
    title: '与上期对比',
    access: staff,
    input: z.object({ batchId }).strict(),
    output: z.object({
      previous: z.string().nullable(),
      added: z.array(diffRow),
      stopped: z.array(diffRow),
      changed: z.array(diffRow),
    }),
  }),
  'payout.exportBank': channel({
    title: '导出银行发放文件',
    access: access.roles('clerk', 'head'),
    job: { kind: 'bankFile', cancelled: '已取消导出：没有保存文件，批次状态未变' },
    input: z.object({ batchId, templateId: z.number().int().positive(), ...jobInput }).strict(),
    output: z.object({ fileName: z.string(), lines: z.number().int(), totalFen: z.number().int() }),
  }),
  'payout.importReturn': channel({
    title: '导入银行回盘文件',
    access: clerk,
    input: z
      .object({
        batchId,
        fileName: z.string().min(1).max(200),
        contentBase64: z.string().max(30_000_000),
        // Banks often return only the failures: lines not in the file were paid.
        unlistedArePaid: z.boolean().default(true),
      })
      .strict(),
    output: z.object({
      paid: z.number().int(),
      failed: z.number().int(),
      /** Lines of the batch the bank has not answered for yet: the batch stays 已导出 while any remain. */
      pending: z.number().int(),
      unmatched: z.array(z.object({ row: z.number(), message: z.string() })),
      batch: batchSchema,
    }),
  }),
  'payout.recoveries': channel({
    title: '追缴记录',
    access: staff,
    input: z.object({ status: z.enum(['pending', 'recovered', 'waived', 'cancelled']).optional() }).strict(),
    output: z.array(recoverySchema),
  }),
  'payout.resolveRecovery': channel({
    title: '办结追缴',
    access: access.roles('clerk', 'head'),
    input: z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(1000),
        status: z.enum(['recovered', 'waived']),
        note: z.string().trim().min(2, { message: '请填写说明（至少 2 个字）' }).max(200),
      })
      .strict(),
    output: z.object({ updated: z.number().int() }),
  }),
  'bank.templates': channel({
    title: '银行文件模板',
    access: access.roles('clerk', 'head', 'admin'),
    input: z.object({}).strict(),
    output: z.array(bankTemplateSchema.extend({ id: z.number() })),
  }),
  'bank.saveTemplate': channel({
    title: '保存银行文件模板',
    access: access.roles('head', 'admin'),
    input: bankTemplateSchema,
    output: bankTemplateSchema.extend({ id: z.number() }),
  }),
  'print.preview': channel({
    title: '打印预览',
    access: staff,
    input: z.object({ batchId, document: printDocumentSchema }).strict(),
    output: z.object({ html: z.string(), landscape: z.boolean(), title: z.string() }),
  }),
  'print.savePdf': channel({
    title: '另存为 PDF',
    access: staff,
    job: { kind: 'print', cancelled: '已取消：没有保存 PDF 文件' },
    input: z.object({ batchId, document: printDocumentSchema, ...jobInput }).strict(),
    output: z.object({ fileName: z.string(), pages: z.number().int() }),
  }),
  'print.toPrinter': channel({
    title: '打印',
    access: staff,
    input: z.object({ batchId, document: printDocumentSchema, printer: z.string().max(200).optional() }).strict(),
    /** `printed: false` when the user cancelled the print dialog: nothing was printed or audited. */
    output: z.object({ printed: z.boolean(), printer: z.string().nullable() }),
  }),
  'print.printers': channel({
    title: '打印机列表',
    access: staff,
    input: z.object({}).strict(),
    output: z.array(z.object({ name: z.string(), isDefault: z.boolean() })),
  }),
};
