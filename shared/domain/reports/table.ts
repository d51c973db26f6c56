import { plainYuan } from '../money';
import type { ReportPeriod } from './period';

export type ReportUnit = '人' | '元' | '万元' | '%' | '笔' | '';

export interface ReportColumn {
  key: string;
  label: string;
  unit: ReportUnit;
  /** A header over several columns (two header rows), e.g. the program above 人数 and 金额. */
  group?: string;
}

export type ReportCell =
  | { kind: 'count'; value: number; drill?: string }
  | { kind: 'money'; fen: number; yuan: string }
  | { kind: 'percent'; text: string }
  | { kind: 'text'; text: string };

export interface ReportRow {
  key: string;
  label: string;
  /** 0: a heading or indicator; 1: 其中 under the row above. */
  level: 0 | 1;
  /** A block heading (program name) or the 合计 row. */
  role?: 'heading' | 'total';
  /** The row's unit when columns mix them (the indicator table). */
  unit?: ReportUnit;
  cells: ReportCell[];
}

export interface ReportTable {
  name: string;
  title: string;
  period: ReportPeriod;
  periodLabel: string;
  /** 单位：人、元 */
  unitNote: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  notes: string[];
  /** Why the money is all zero, when it is: no committed batch in the period. */
  emptyReason: string | null;
}

export const count = (value: number, drill?: string): ReportCell =>
  drill === undefined ? { kind: 'count', value } : { kind: 'count', value, drill };
export const money = (fen: number): ReportCell => ({ kind: 'money', fen, yuan: plainYuan(fen) });
export const percent = (text: string): ReportCell => ({ kind: 'percent', text });
export const text = (t: string): ReportCell => ({ kind: 'text', text: t });

/** The number in a cell (count or fen), 0 for text. */
export const cellNumber = (c: ReportCell | undefined): number =>
  c === undefined ? 0 : c.kind === 'count' ? c.value : c.kind === 'money' ? c.fen : 0;
