import { describe, expect, it } from 'vitest';
import {
  categoryRefusal,
  standardCategories,
  standardCategoryLabel,
} from '../../../shared/domain/entitlement/categories';
import {
  defaultCountyPolicy,
  policyInForce,
  policyValueText,
  tiersFromAges,
  type PolicySetting,
} from '../../../shared/domain/entitlement/policy-settings';
import { policyValueSchemas } from '../../../shared/contract/standards';
import { installChineseErrors } from '../../../shared/contract';

describe('policy settings by month', () => {
  const settings: PolicySetting[] = [
    { key: 'tierFrom', value: 'birthday-month', fromMonth: '2026-04' },
    { key: 'tierFrom', value: 'month-after-birthday', fromMonth: '2027-01' },
    { key: 'start.elderly', value: 'month-after-approval', fromMonth: '2026-01' },
    { key: 'annualReviewMonth', value: 6, fromMonth: '2026-01' },
  ];

  it('applies each key from its month, the latest one winning, and defaults before', () => {
    expect(policyInForce(settings, '2025-12')).toEqual(defaultCountyPolicy);
    expect(policyInForce(settings, '2026-04')).toMatchObject({
      tierFrom: 'birthday-month',
      annualReviewMonth: 6,
      start: {
        elderly: 'month-after-approval',
        orphan: 'month-after-approval',
        'disability-care': 'application-month',
      },
    });
    expect(policyInForce(settings, '2027-03').tierFrom).toBe('month-after-birthday');
    // Order of the stored rows does not matter.
    expect(policyInForce([...settings].reverse(), '2027-03').tierFrom).toBe('month-after-birthday');
  });

  it('derives tier keys from starting ages', () => {
    expect(tiersFromAges([80, 90, 100])).toEqual(defaultCountyPolicy.elderTiers);
    expect(tiersFromAges([70, 80])).toEqual([
      { key: '70-79', minAge: 70 },
      { key: '80+', minAge: 80 },
    ]);
  });

  it('shows values in Chinese', () => {
    expect(policyValueText('livingForDibaoEdge', true)).toBe('是');
    expect(policyValueText('start.orphan', 'month-after-approval')).toBe('审批次月');
    expect(policyValueText('paymentFrequency', 'half-yearly')).toBe('按半年');
    expect(policyValueText('elderTiers', tiersFromAges([80, 90]))).toBe('80-89（80 岁起）、90+（90 岁起）');
  });

  it('validates values per key with Chinese messages', () => {
    installChineseErrors();
    expect(policyValueSchemas.annualReviewMonth.safeParse(0).error?.issues[0]?.message).toBe('应为 1–12 的整数');
    expect(policyValueSchemas.tierFrom.safeParse('soon').error?.issues[0]?.message).toContain(
      'birthday-month（满岁当月）',
    );
    expect(
      policyValueSchemas.elderTiers.safeParse([
        { key: '80-89', minAge: 80 },
        { key: '80-89', minAge: 90 },
      ]).error?.issues[0]?.message,
    ).toBe('年龄段代码不能重复');
    expect(policyValueSchemas.careForGrade34IntellectualMental.safeParse('yes').success).toBe(false);
  });
});

describe('standard categories', () => {
  it('lists the categories the engine asks for, elder tiers from the policy', () => {
    expect(standardCategories('disability-living', defaultCountyPolicy)).toEqual(['all']);
    expect(standardCategories('unattended-child', defaultCountyPolicy)).toEqual(['dispersed']);
    expect(standardCategories('elderly', { elderTiers: tiersFromAges([70, 80]) })).toEqual(['70-79', '80+']);
    expect(standardCategoryLabel('disability-care', 'grade-3-4-im')).toBe('三、四级智力/精神');
    expect(standardCategoryLabel('elderly', '100+')).toBe('100 岁以上');
  });

  it('refuses other categories naming the valid ones', () => {
    expect(categoryRefusal('orphan', 'institution', defaultCountyPolicy, '2026-01')).toBeNull();
    expect(categoryRefusal('orphan', 'all', defaultCountyPolicy, '2026-01')).toBe(
      '“孤儿基本生活保障金”没有类别“all”，可选类别为：institution（集中养育）、dispersed（社会散居）',
    );
  });
});
