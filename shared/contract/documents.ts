import { z } from 'zod';
import { programs } from '../domain/programs';
import { channel } from './channel';
import { jobInput } from './jobs';
import { access } from './roles';

/** The printed documents of one person and program (and the township's review sheet). */
export const documentKinds = [
  'approval-form',
  'decision-notice',
  'stop-notice',
  'change-notice',
  'certificate',
  'review-sheet',
] as const;
export const documentKindSchema = z.enum(documentKinds, { message: '不是本系统的文书种类' });
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const documentKindLabels: Record<DocumentKind, string> = {
  'approval-form': '申请审批表',
  'decision-notice': '审批结果通知书',
  'stop-notice': '停发通知书',
  'change-notice': '变更通知书',
  certificate: '待遇证',
  'review-sheet': '年度复核表',
};

/** Documents that carry a number, a QR code and a record in `documents`. */
export const numberedKinds = ['decision-notice', 'stop-notice', 'change-notice', 'certificate'] as const;
export type NumberedKind = (typeof numberedKinds)[number];
export function isNumbered(kind: DocumentKind): kind is NumberedKind {
  return (numberedKinds as readonly string[]).includes(kind);
}

const programSchema = z.enum(programs, { message: '不是本系统的补贴项目' });
const text = (max: number) => z.string().trim().max(max);

/**
 * Number patterns: `{year}` the year, `{seq}` the number in the year (`{seq4}` padded
 * to four digits), `{p}` the program's one-character abbreviation.
 */
export const numberPatternSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .refine((s) => /\{seq\d?\}/.test(s) && s.includes('{year}'), {
    message: '编号格式须包含 {year} 和 {seq}（或 {seq4}）',
  });

export const documentSettingsSchema = z.object({
  /** Printed as the issuing office; empty: the office name given at setup. */
  officeName: text(60),
  address: text(120),
  phone: text(40),
  sealText: text(60),
  remedyClause: text(400).min(10),
  /** 政策依据 per program, printed on notices where set. */
  legalBasis: z.partialRecord(programSchema, text(300)),
  certificatePattern: numberPatternSchema,
  noticePattern: numberPatternSchema,
  /** 待遇证 two to an A4 sheet or one per A5. */
  certificateLayout: z.enum(['a4-two', 'a5-one']),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

export const defaultDocumentSettings: DocumentSettings = {
  officeName: '',
  address: '',
  phone: '',
  sealText: '',
  remedyClause:
    '如对本决定不服，可在收到本通知书之日起六十日内向本级人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
  legalBasis: {},
  certificatePattern: '民{p}证〔{year}〕{seq4}号',
  noticePattern: '民{p}通〔{year}〕{seq4}号',
  certificateLayout: 'a4-two',
};

const placement = {
  /** The printer whose 套打 calibration applies (certificates). */
  printer: z.string().trim().min(1).max(200).optional(),
  /** 套打: only the fields, for a pre-printed card. */
  preprinted: z.boolean().optional(),
};

const docRef = {
  kind: documentKindSchema,
  /** Every kind but the review sheet, which is per township. */
  personId: z.number().int().positive().optional(),
  program: programSchema,
  /** The decision, stop or change event; by default the latest of its kind. */
  eventId: z.number().int().positive().optional(),
  /** The review sheet's township (code). */
  township: z
    .string()
    .regex(/^\d{9}000$/, { message: '乡镇代码须为以 000 结尾的 12 位区划代码' })
    .optional(),
  ...placement,
};
export const documentRefSchema = z.object(docRef).strict();
export type DocumentRef = z.infer<typeof documentRefSchema>;

export const availableDocumentSchema = z.object({
  kind: documentKindSchema,
  program: programSchema,
  enrolmentId: z.number().int(),
  eventId: z.number().int().nullable(),
  /** e.g. '审批结果通知书（不予批准）'. */
  label: z.string(),
  /** The number once issued (a print again is a 补打). */
  number: z.string().nullable(),
  reprints: z.number().int(),
});
export type AvailableDocument = z.infer<typeof availableDocumentSchema>;

export const verdicts = ['genuine', 'altered', 'unknown-county', 'invalid'] as const;
export const verdictLabels: Record<(typeof verdicts)[number], string> = {
  genuine: '真实有效',
  altered: '内容被改动或签名不符',
  'unknown-county': '未知县区签发（本机没有其公钥）',
  invalid: '不是本系统的核验码',
};
export const verifyResultSchema = z.object({
  verdict: z.enum(verdicts),
  /** Chinese, the reason. */
  message: z.string(),
  code: z.string(),
  fields: z
    .object({
      countyCode: z.string(),
      number: z.string(),
      kind: z.string(),
      program: z.string(),
      name: z.string(),
      idNumber: z.string(),
      amountFen: z.number().int(),
      validFrom: z.string(),
    })
    .nullable(),
  /** The fingerprint of the key that signed it, when known. */
  signer: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const calibrationSchema = z.object({
  template: z.literal('certificate'),
  printer: z.string().trim().min(1).max(200),
  dxMm: z.number().min(-30).max(30),
  dyMm: z.number().min(-30).max(30),
});
export type Calibration = z.infer<typeof calibrationSchema>;

const printers = access.roles('clerk', 'reviewer', 'head');
const saved = z.object({ fileName: z.string(), pages: z.number().int(), numbers: z.array(z.string()) });

export const documentChannels = {
  'document.list': channel({
    title: '可打印的文书',
    access: printers,
    input: z.object({ personId: z.number().int().positive() }).strict(),
    output: z.array(availableDocumentSchema),
  }),
  'document.preview': channel({
    title: '预览文书',
    access: printers,
    input: documentRefSchema,
    output: z.object({ html: z.string(), title: z.string(), landscape: z.boolean() }),
  }),
  'document.savePdf': channel({
    title: '文书另存为 PDF',
    access: printers,
    job: { kind: 'print', cancelled: '已取消：没有保存 PDF 文件' },
    input: z.object({ ...docRef, ...jobInput }).strict(),
    output: saved,
  }),
  'document.saveDocx': channel({
    title: '文书导出为 Word',
    access: printers,
    input: documentRefSchema,
    output: z.object({ fileName: z.string(), number: z.string().nullable() }),
  }),
  'document.batchPdf': channel({
    title: '批量打印文书',
    access: printers,
    job: { kind: 'documents', cancelled: '已取消：没有保存 PDF 文件，已分配的编号不再使用' },
    input: z
      .object({
        kind: documentKindSchema,
        program: programSchema,
        township: z
          .string()
          .regex(/^\d{9}000$/, { message: '乡镇代码须为以 000 结尾的 12 位区划代码' })
          .optional(),
        approvedFrom: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式须为 YYYY-MM-DD' })
          .optional(),
        personIds: z.array(z.number().int().positive()).max(100_000).optional(),
        ...placement,
        ...jobInput,
      })
      .strict(),
    output: saved.extend({ documents: z.number().int() }),
  }),
  'document.verify': channel({
    title: '证件核验',
    access: access.signedIn,
    input: z
      .object({ code: z.string().max(2000).optional(), imageBase64: z.string().max(20_000_000).optional() })
      .strict()
      .refine((v) => (v.code ? 1 : 0) + (v.imageBase64 ? 1 : 0) === 1, { message: '请提供核验码或二维码图片之一' }),
    output: verifyResultSchema,
  }),
  'document.settings': channel({
    title: '读取文书设置',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: documentSettingsSchema,
  }),
  'document.saveSettings': channel({
    title: '修改文书设置',
    access: access.roles('head', 'admin'),
    input: documentSettingsSchema.partial().strict(),
    output: documentSettingsSchema,
  }),
  'document.calibration': channel({
    title: '读取套打校准',
    access: printers,
    input: z.object({ template: z.literal('certificate'), printer: z.string().trim().min(1).max(200) }).strict(),
    output: calibrationSchema,
  }),
  'document.saveCalibration': channel({
    title: '保存套打校准',
    access: printers,
    input: calibrationSchema.strict(),
    output: calibrationSchema,
  }),
  'document.calibrationPage': channel({
    title: '套打校准页',
    access: printers,
    input: z.object({ template: z.literal('certificate'), printer: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ html: z.string(), title: z.string(), landscape: z.boolean() }),
  }),
} as const;
