import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

const place = z.object({ code: z.string(), name: z.string() });
export const divisionTreeSchema = z.array(
  place.extend({ cities: z.array(place.extend({ counties: z.array(place) })) }),
);
export type DivisionTree = z.infer<typeof divisionTreeSchema>;

/** A township's code as offices write it: 9 digits (county 6 + township 3) or the 12-digit code ending 000. */
export const regionCodeInput = z
  .string()
  .trim()
  .regex(/^\d{9}(\d{3})?$/, { message: '区划代码应为 12 位数字（乡镇也可写 9 位）' })
  .transform((c) => (c.length === 9 ? `${c}000` : c));

const loadResult = z.object({ townships: z.number(), villages: z.number(), added: z.number(), renamed: z.number() });

export const regionChannels = {
  'region.divisions': channel({
    title: '全国行政区划（省、市、县）',
    access: access.public,
    input: z.object({}).strict(),
    output: divisionTreeSchema,
  }),
  'region.loadNational': channel({
    title: '载入本县区的全国区划',
    access: access.roles('admin'),
    // The county is named as a confirmation: it must be the database's own.
    input: z
      .object({
        countyCode: z.string().regex(/^\d{6}$/, { message: '应为 6 位数字的县级行政区划代码' }),
        renameExisting: z.boolean().default(false),
      })
      .strict(),
    output: loadResult,
  }),
  'region.retire': channel({
    title: '停用或恢复行政区划',
    access: access.roles('admin'),
    input: z.object({ code: regionCodeInput, retired: z.boolean() }).strict(),
    output: z.object({ code: z.string(), retired: z.boolean() }),
  }),
} as const;
