import { z } from 'zod';
import { parseIsoDate } from '../domain/dates';
import { parseIdNumber } from '../domain/id-number';
import { checkBankAccount, checkName, checkPhone } from '../domain/person-fields';
import { programs } from '../domain/programs';
import { channel } from './channel';
import { access } from './roles';
import { regionCodeInput } from './regions';

/** A string checked by a domain rule, so forms, imports and services refuse the same things with the same words. */
function checked(
  max: number,
  check: (v: string) => { ok: true } | { ok: false; issue: { code: string; message: string } },
) {
  return z
    .string()
    .max(max)
    .superRefine((v, ctx) => {
      const r = check(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.issue.message, params: { code: r.issue.code } });
    });
}

const idNumber = checked(40, parseIdNumber);
const personName = checked(60, checkName);
const phone = checked(30, checkPhone);
const bankAccount = checked(40, checkBankAccount);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, { message: '不是有效日期（格式 YYYY-MM-DD）' });

export const programSchema = z.enum(programs);
export const registerSchema = z.enum(['disability', 'children', 'elderly']);
export const enrolmentStatuses = [
  'applied',
  'reviewed',
  'approved',
  'publicized',
  'active',
  'suspended',
  'stopped',
  'rejected',
] as const;
export const enrolmentStatusSchema = z.enum(enrolmentStatuses);
export const statusLabels: Record<(typeof enrolmentStatuses)[number], string> = {
  applied: '已申请',
  reviewed: '已初审',
  approved: '已审批',
  publicized: '公示中',
  active: '在册',
  suspended: '暂停',
  stopped: '终止',
  rejected: '不予批准',
};

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['township', 'village']),
  parentCode: z.string().nullable(),
  /** Retired: kept for the people already in it, offered to no new entry. */
  retired: z.boolean().optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const personInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    idNumber,
    name: personName,
    ethnicity: optionalText(20),
    phone: phone.nullable().optional(),
    hukouType: z.enum(['urban', 'rural']).nullable().optional(),
    villageCode: z
      .string()
      .regex(/^\d{12}$/, { message: '请选择村（社区）' })
      .nullable()
      .optional(),
    address: optionalText(120),
    dibao: z.enum(['none', 'urban', 'rural', 'edge']).default('none'),
    tekun: z.enum(['none', 'centralized', 'dispersed']).default('none'),
    injuryCare: z.boolean().default(false),
    bankName: optionalText(40),
    bankAccount: bankAccount.nullable().optional(),
    accountHolderName: optionalText(60),
    accountHolderId: optionalText(40),
    deathDate: isoDate.nullable().optional(),
    movedOutDate: isoDate.nullable().optional(),
    /** The clerk has checked an ID whose address code the national list does not know. */
    idAddressConfirmed: z.boolean().optional(),
  })
  .strict();
export type PersonInput = z.input<typeof personInputSchema>;

export const personSchema = z.object({
  id: z.number(),
  idNumber: z.string(),
  idNumberOriginal: z.string().nullable(),
  idMasked: z.boolean(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  ethnicity: z.string().nullable(),
  phone: z.string().nullable(),
  hukouType: z.enum(['urban', 'rural']).nullable(),
  villageCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  villageName: z.string().nullable(),
  address: z.string().nullable(),
  dibao: z.enum(['none', 'urban', 'rural', 'edge']),
  tekun: z.enum(['none', 'centralized', 'dispersed']),
  injuryCare: z.boolean(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  accountHolderName: z.string().nullable(),
  accountHolderId: z.string().nullable(),
  deathDate: z.string().nullable(),
  movedOutDate: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const certificateSchema = z.object({
  id: z.number(),
  number: z.string(),
  category: z.number(),
  grade: z.number(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});

export const enrolmentInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    personId: z.number().int().positive(),
    program: programSchema,
    appliedOn: isoDate,
    certificate: z
      .object({
        number: z.string().max(40),
        issuedOn: isoDate.nullable().optional(),
        expiresOn: isoDate.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    childMode: z.enum(['institution', 'dispersed']).nullable().optional(),
    guardianName: optionalText(60),
    guardianIdNumber: optionalText(40),
    guardianRelation: optionalText(20),
    guardianPhone: phone.nullable().optional(),
    fatherSituation: optionalText(40),
    motherSituation: optionalText(40),
    situationEvidence: optionalText(200),
    schoolProofUntil: isoDate.nullable().optional(),
    note: optionalText(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.program === 'disability-living' || v.program === 'disability-care') && !v.certificate) {
      ctx.addIssue({ code: 'custom', path: ['certificate'], message: '残疾人补贴须填写残疾人证号' });
    }
    if ((v.program === 'orphan' || v.program === 'unattended-child') && !v.childMode) {
      ctx.addIssue({ code: 'custom', path: ['childMode'], message: '请选择养育方式（集中养育或社会散居）' });
    }
  });
export type EnrolmentInput = z.input<typeof enrolmentInputSchema>;

export const enrolmentEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  username: z.string(),
  changes: z.string().nullable(),
});

export const enrolmentSchema = z.object({
  id: z.number(),
  personId: z.number(),
  program: programSchema,
  status: enrolmentStatusSchema,
  appliedOn: z.string(),
  certificate: certificateSchema.nullable(),
  childMode: z.enum(['institution', 'dispersed']).nullable(),
  guardianName: z.string().nullable(),
  guardianIdNumber: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  fatherSituation: z.string().nullable(),
  motherSituation: z.string().nullable(),
  situationEvidence: z.string().nullable(),
  schoolProofUntil: z.string().nullable(),
  note: z.string().nullable(),
  enteredBy: z.string(),
  events: z.array(enrolmentEventSchema),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

/** One grid row: an enrolment with the person facts a clerk needs to see. */
export const registerRowSchema = z.object({
  enrolmentId: z.number(),
  personId: z.number(),
  name: z.string(),
  initials: z.string(),
  idNumber: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  age: z.number(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  program: programSchema,
  status: enrolmentStatusSchema,
  category: z.number().nullable(),
  grade: z.number().nullable(),
  childMode: z.enum(['institution', 'dispersed']).nullable(),
  tier: z.string().nullable(),
  /** This month's entitlement (engine), 0 when nothing is due, and why. */
  monthlyFen: z.number().int(),
  monthlyReason: z.string(),
  bankAccount: z.string().nullable(),
  appliedOn: z.string(),
  guardianName: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

const staff = access.roles('clerk', 'reviewer', 'head');
const clerk = access.roles('clerk');

export const registerChannels = {
  'region.list': channel({
    title: '行政区划列表',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: z.array(regionSchema),
  }),
  'region.save': channel({
    title: '保存行政区划',
    access: access.roles('admin'),
    input: z
      .object({
        code: regionCodeInput,
        name: z.string().trim().min(1).max(60),
      })
      .strict(),
    output: regionSchema,
  }),
  'region.import': channel({
    title: '导入行政区划',
    access: access.roles('admin'),
    input: z.object({ fileName: z.string().max(255), contentBase64: z.string().max(14_000_000) }).strict(),
    output: z.object({
      townships: z.number(),
      villages: z.number(),
      rejected: z.array(z.object({ row: z.number(), message: z.string() })),
    }),
  }),
  'register.list': channel({
    title: '台账列表',
    access: staff,
    input: z
      .object({
        register: registerSchema,
        /** Keyset paging: rows with an enrolment id above this one, in id order. */
        afterId: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(20_000).default(5000),
        /** Only this person's rows: to refresh the grid after an edit. */
        personId: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(registerRowSchema), total: z.number(), idsMasked: z.boolean() }),
  }),
  'person.get': channel({
    title: '查看人员',
    access: staff,
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({
      person: personSchema,
      certificates: z.array(certificateSchema),
      enrolments: z.array(enrolmentSchema),
    }),
  }),
  'person.find': channel({
    title: '按身份证号查找人员',
    access: staff,
    input: z.object({ idNumber }).strict(),
    output: z.object({ id: z.number().nullable() }),
  }),
  'person.revealId': channel({
    title: '查看完整身份证号',
    access: staff,
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ idNumber: z.string() }),
  }),
  'person.save': channel({ title: '保存人员信息', access: clerk, input: personInputSchema, output: personSchema }),
  'person.idAddress': channel({
    title: '核对身份证号地址码',
    access: staff,
    input: z.object({ idNumber }).strict(),
    output: z.object({
      code: z.string(),
      status: z.enum(['county', 'other', 'unknown']),
      place: z.string().nullable(),
      warning: z.string().nullable(),
    }),
  }),
  'enrolment.save': channel({
    title: '保存待遇记录',
    access: clerk,
    input: enrolmentInputSchema,
    // decisions: 就高不就低 combinations the clerk must decide on (the application is kept).
    output: enrolmentSchema.extend({ decisions: z.array(z.string()) }),
  }),
} as const;
