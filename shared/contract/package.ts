import { z } from 'zod';
import { channel } from './channel';
import { jobInput } from './jobs';
import { access } from './roles';

/** `2026-01..2026-06`, or one month. */
export const packagePeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(\.\.\d{4}-(0[1-9]|1[0-2]))?$/, { message: '期间应为 YYYY-MM 或 YYYY-MM..YYYY-MM' })
  .transform((s) => {
    const [from = '', to = from] = s.split('..');
    return { from, to };
  })
  .refine((p) => p.to >= p.from, { message: '期间的结束月不能早于开始月' });

export const rosterModeSchema = z.enum(['none', 'masked', 'full']);

const partSchema = z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), rows: z.number().int() });

export const packageTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  keyLabels: z.array(z.string()),
  valueLabels: z.array(z.string()),
  rows: z.array(
    z.object({
      key: z.array(z.string()),
      values: z.array(z.number().nullable()),
      /** The report engine's row key (all.paid, town:…, total). */
      code: z.string().optional(),
      /** Every value of the row is fen (a form whose units change per row). */
      fen: z.boolean().optional(),
    }),
  ),
  localRows: z.boolean().optional(),
});

const headOrAdmin = access.roles('head', 'admin');

export const packageChannels = {
  'keys.show': channel({
    title: '查看上报密钥',
    access: headOrAdmin,
    input: z.object({}).strict(),
    output: z.object({
      level: z.enum(['county', 'city']),
      signingKey: z.string().nullable(),
      signingFingerprint: z.string().nullable(),
      cityRecipient: z.string().nullable(),
      cityRecipientFingerprint: z.string().nullable(),
      /** A city's own recipient, to hand to its counties. */
      recipient: z.string().nullable(),
      recipientFingerprint: z.string().nullable(),
    }),
  }),
  'keys.setRecipient': channel({
    title: '设置市级接收方公钥',
    access: access.roles('head'),
    input: z.object({ recipient: z.string().trim().min(1).max(2000) }).strict(),
    output: z.object({ recipient: z.string(), fingerprint: z.string() }),
  }),
  'package.export': channel({
    title: '生成上报数据包',
    access: access.roles('head'),
    job: { kind: 'package', cancelled: '已取消：没有留下数据包文件，数据库未改动' },
    input: z
      .object({
        period: packagePeriodSchema,
        roster: rosterModeSchema.default('none'),
        /** Also the plain xlsx and a 上报表 PDF for signature beside the package. */
        plain: z.boolean().default(false),
        ...jobInput,
      })
      .strict(),
    output: z.object({
      fileName: z.string(),
      path: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      sequence: z.number().int(),
      parts: z.array(partSchema),
      recipientFingerprint: z.string(),
      plainFiles: z.array(z.string()),
    }),
  }),
  'package.import': channel({
    title: '导入上报数据包',
    access: headOrAdmin,
    job: { kind: 'package', cancelled: '已取消导入：数据库未改动' },
    input: z
      .object({
        fileName: z.string().max(260),
        contentBase64: z.string().max(700_000_000),
        /** The county key's fingerprint as read out by the county: registers a county seen for the first time. */
        trustFingerprint: z.string().max(80).optional(),
        ...jobInput,
      })
      .strict(),
    output: z.object({
      countyCode: z.string(),
      countyName: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      sequence: z.number().int(),
      supersededSequence: z.number().int().nullable(),
      newCounty: z.boolean(),
      keyFingerprint: z.string(),
    }),
  }),
  'package.status': channel({
    title: '上报情况',
    access: access.signedIn,
    input: z.object({ period: packagePeriodSchema }).strict(),
    output: z.object({
      counties: z.array(
        z.object({
          countyCode: z.string(),
          countyName: z.string(),
          reported: z.boolean(),
          sequence: z.number().int().nullable(),
          importedAt: z.string().nullable(),
          moneyFen: z.number().int(),
        }),
      ),
      totalFen: z.number().int(),
      tables: z.array(packageTableSchema),
    }),
  }),
  'package.exportConsolidated': channel({
    title: '导出上报汇总表',
    access: access.signedIn,
    job: { kind: 'package', cancelled: '已取消导出：没有留下文件' },
    input: z.object({ period: packagePeriodSchema, format: z.enum(['xlsx', 'pdf']), ...jobInput }).strict(),
    output: z.object({ fileName: z.string(), bytes: z.number().int() }),
  }),
  'city.counties': channel({
    title: '下辖县（区）',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: z.object({
      counties: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          signingKey: z.string(),
          fingerprint: z.string(),
          registeredAt: z.string(),
          registeredBy: z.string(),
          packages: z.number().int(),
          lastImportedAt: z.string().nullable(),
        }),
      ),
    }),
  }),
  'city.registerCounty': channel({
    title: '登记下辖县（区）',
    access: headOrAdmin,
    input: z
      .object({
        code: z.string().regex(/^\d{6}$/, { message: '应为 6 位数字的县级行政区划代码' }),
        name: z.string().trim().min(2, { message: '至少 2 个字' }).max(40),
        signingKey: z.string().trim().min(1, { message: '请填写该县的签名公钥' }).max(400),
      })
      .strict(),
    output: z.object({ fingerprint: z.string(), replaced: z.boolean() }),
  }),
} as const;
