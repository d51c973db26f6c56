import { z } from 'zod';
import { enrolmentStatusSchema, programSchema } from './registers';
import { channel } from './channel';
import { access } from './roles';

/** One person found by the frame's search box, with every program they are in. */
export const personHitSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** Masked as the viewer's lists are. */
  idNumber: z.string(),
  townshipName: z.string().nullable(),
  villageName: z.string().nullable(),
  /** What matched: 姓名, 拼音, 身份证号 or 银行账号. */
  matched: z.enum(['name', 'initials', 'idNumber', 'account']),
  enrolments: z.array(z.object({ program: programSchema, status: enrolmentStatusSchema })),
});
export type PersonHit = z.infer<typeof personHitSchema>;

export const searchChannels = {
  'person.search': channel({
    title: '查找人员',
    access: access.roles('clerk', 'reviewer', 'head'),
    input: z
      .object({
        q: z.string().trim().min(1, { message: '请输入姓名、拼音首字母、身份证号或银行账号' }).max(40),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
    output: z.object({ hits: z.array(personHitSchema), more: z.boolean() }),
  }),
} as const;
