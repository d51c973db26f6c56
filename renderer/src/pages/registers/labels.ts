import { statusLabels, type RegisterRow } from '../../../../shared/contract';
import { categoryLabel } from '../../../../shared/domain/certificate';
import { formatFen } from '../../../../shared/domain/money';
import { childModes, defaultElderTiers, programShortLabels, type Program } from '../../../../shared/domain/programs';

export const sexLabel = (s: string) => (s === 'M' ? '男' : s === 'F' ? '女' : '');
export const dibaoOptions = [
  { value: 'none', label: '无' },
  { value: 'urban', label: '城市低保' },
  { value: 'rural', label: '农村低保' },
  { value: 'edge', label: '低保边缘' },
];
export const tekunOptions = [
  { value: 'none', label: '否' },
  { value: 'centralized', label: '特困（集中供养）' },
  { value: 'dispersed', label: '特困（分散供养）' },
];
export const hukouOptions = [
  { value: 'urban', label: '城镇' },
  { value: 'rural', label: '农村' },
];

export function programLabel(p: Program): string {
  return programShortLabels[p];
}

export function statusLabel(s: RegisterRow['status']): string {
  return statusLabels[s];
}

export function gradeLabel(g: number | null): string {
  return g ? (['', '一级', '二级', '三级', '四级'][g] ?? String(g)) : '';
}

export function categoryText(c: number | null): string {
  return c ? categoryLabel(c) : '';
}

export function modeLabel(m: RegisterRow['childMode']): string {
  return m ? childModes[m] : '';
}

export function tierLabel(t: string | null): string {
  return defaultElderTiers.find((x) => x.key === t)?.label ?? '';
}

export function yuan(fen: number): string {
  return formatFen(fen);
}
