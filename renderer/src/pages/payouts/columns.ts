import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { Batch, PayoutLine, Recovery } from '../../../../shared/contract/payouts';
import { standardCategoryLabel } from '../../../../shared/domain/entitlement/categories';
import { formatFen } from '../../../../shared/domain/money';
import {
  payoutKindLabels,
  payoutStatusLabels,
  recoveryStatusLabels as sharedRecoveryStatusLabels,
} from '../../../../shared/domain/payouts';
import { programLabels, programShortLabels, type Program } from '../../../../shared/domain/programs';

const yuanCol = {
  type: 'rightAligned',
  comparator: (a: number, b: number) => a - b,
  valueFormatter: (p: ValueFormatterParams) => formatFen(Number(p.value ?? 0)),
};

export const period = (b: Pick<Batch, 'periodFrom' | 'periodTo'>) =>
  b.periodFrom === b.periodTo ? b.periodFrom : `${b.periodFrom} 至 ${b.periodTo}`;

export const bankResultLabels: Record<PayoutLine['bankStatus'], string> = {
  pending: '待回盘',
  paid: '成功',
  failed: '失败',
};
export const recoveryStatusLabels: Record<Recovery['status'], string> = sharedRecoveryStatusLabels;

export const batchColumns: ColDef<Batch>[] = [
  { field: 'batchNo', headerName: '批次号', width: 170 },
  {
    field: 'program',
    headerName: '项目',
    width: 210,
    valueFormatter: (p) => (p.data ? programLabels[p.data.program] : ''),
  },
  { colId: 'period', headerName: '期间', width: 170, valueGetter: (p) => (p.data ? period(p.data) : '') },
  {
    field: 'status',
    headerName: '状态',
    width: 100,
    valueFormatter: (p) => (p.data ? payoutStatusLabels[p.data.status] : ''),
  },
  {
    field: 'lineCount',
    headerName: '笔数',
    width: 90,
    type: 'rightAligned',
    comparator: (a: number, b: number) => a - b,
  },
  { field: 'totalFen', headerName: '合计金额(元)', width: 150, ...yuanCol },
  { colId: 'generatedBy', headerName: '生成人', width: 110, valueGetter: (p) => p.data?.names.generatedBy ?? '' },
  { colId: 'reviewedBy', headerName: '复核人', width: 110, valueGetter: (p) => p.data?.names.reviewedBy ?? '' },
  { colId: 'lockedBy', headerName: '锁定人', width: 110, valueGetter: (p) => p.data?.names.lockedBy ?? '' },
  {
    field: 'generatedAt',
    headerName: '生成时间',
    flex: 1,
    minWidth: 170,
    valueFormatter: (p) => (p.value ? new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }) : ''),
  },
];

export function lineColumns(program: Program): ColDef<PayoutLine>[] {
  return [
    { field: 'township', headerName: '乡镇', width: 120 },
    { field: 'village', headerName: '村', width: 120 },
    { field: 'name', headerName: '姓名', width: 100, pinned: 'left' },
    { field: 'idNumber', headerName: '身份证号', width: 190 },
    {
      field: 'category',
      headerName: '类别',
      width: 130,
      valueFormatter: (p) => (p.data ? standardCategoryLabel(program, p.data.category) : ''),
    },
    { field: 'month', headerName: '月份', width: 100 },
    {
      field: 'kind',
      headerName: '类型',
      width: 110,
      valueFormatter: (p) => (p.data ? payoutKindLabels[p.data.kind] : ''),
    },
    { field: 'standardFen', headerName: '标准(元)', width: 110, ...yuanCol },
    { field: 'amountFen', headerName: '金额(元)', width: 120, ...yuanCol },
    { field: 'bankAccount', headerName: '银行账号', width: 200 },
    { field: 'note', headerName: '备注', width: 260, tooltipField: 'note' },
    {
      colId: 'bank',
      headerName: '银行结果/原因',
      width: 180,
      valueGetter: (p) =>
        p.data ? [bankResultLabels[p.data.bankStatus], p.data.bankReason].filter(Boolean).join('：') : '',
      cellStyle: (p) => (p.data?.bankStatus === 'failed' ? { color: '#cf1322' } : null),
    },
  ];
}

export const recoveryColumns: ColDef<Recovery>[] = [
  { field: 'name', headerName: '姓名', width: 110 },
  {
    field: 'program',
    headerName: '项目',
    width: 130,
    valueFormatter: (p) => (p.data ? programShortLabels[p.data.program] : ''),
  },
  { field: 'month', headerName: '月份', width: 100 },
  { field: 'amountFen', headerName: '金额(元)', width: 120, ...yuanCol },
  { field: 'reason', headerName: '原因', flex: 1, minWidth: 260, tooltipField: 'reason' },
  {
    field: 'status',
    headerName: '状态',
    width: 100,
    valueFormatter: (p) => (p.data ? recoveryStatusLabels[p.data.status] : ''),
  },
  {
    field: 'foundAt',
    headerName: '发现时间',
    width: 170,
    valueFormatter: (p) => (p.value ? new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }) : ''),
  },
  { field: 'resolvedBy', headerName: '办理人', width: 100 },
  { field: 'resolvedNote', headerName: '办理说明', width: 200 },
];
