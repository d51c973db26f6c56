import type { ReportFacts } from './facts';
import { childrenTable, disabilityTable, elderlyTable } from './forms-dims';
import { changesTable, indicatorTable, townshipTable } from './forms';
import type { ReportPeriod } from './period';
import type { ReportTable } from './table';

export * from './facts';
export * from './figures';
export * from './period';
export * from './register';
export * from './table';
export * from './drill';
export { changesTable, EMPTY_REASON, indicatorTable, peopleCount, townshipTable, subKinds } from './forms';
export { childrenTable, disabilityTable, elderlyTable } from './forms-dims';
export * from './summary';

/** The report forms, by the name the CLI and the channels use. */
export const reportForms = {
  indicators: { title: '民政补贴统计月报', build: indicatorTable },
  townships: { title: '分乡镇补贴发放统计表', build: townshipTable },
  disability: { title: '残疾人两项补贴分类别等级统计表', build: disabilityTable },
  elderly: { title: '高龄津贴分年龄段统计表', build: elderlyTable },
  children: { title: '孤儿和事实无人抚养儿童保障统计表', build: childrenTable },
  changes: { title: '在册人员增减变动统计表', build: changesTable },
} as const satisfies Record<string, { title: string; build: (f: ReportFacts, p: ReportPeriod) => ReportTable }>;
export type ReportName = keyof typeof reportForms;
export const reportNames = Object.keys(reportForms) as [ReportName, ...ReportName[]];
