import type { ColDef } from 'ag-grid-community';
import type { RegisterRow } from '../../../../shared/contract';
import type { Register } from '../../../../shared/domain/programs';
import { categoryText, gradeLabel, modeLabel, programLabel, sexLabel, statusLabel, tierLabel, yuan } from './labels';

type Col = ColDef<RegisterRow>;
const num = (a: number, b: number) => a - b;
/** Filters and sorting work on what the clerk reads (汉字 labels), not on codes. */
const labelled = (field: keyof RegisterRow, label: (v: never) => string, extra: Col = {}): Col => ({
  field,
  valueFormatter: (p) => label(p.value as never),
  filterValueGetter: (p) => (p.data ? label(p.data[field] as never) : ''),
  getQuickFilterText: () => '',
  ...extra,
});

export function registerColumns(register: Register): Col[] {
  const common: Col[] = [
    // The quick filter finds 张三 by "zs" too: the name column contributes the initials.
    {
      field: 'name',
      headerName: '姓名',
      width: 110,
      pinned: 'left',
      getQuickFilterText: (p) => `${p.data?.name ?? ''} ${p.data?.initials ?? ''}`,
    },
    { field: 'idNumber', headerName: '身份证号', width: 190 },
    labelled('sex', sexLabel, { headerName: '性别', width: 80 }),
    {
      field: 'age',
      headerName: '年龄',
      width: 80,
      comparator: num,
      filter: 'agNumberColumnFilter',
      getQuickFilterText: () => '',
    },
    { field: 'township', headerName: '乡镇（街道）', width: 145 },
    { field: 'village', headerName: '村（社区）', width: 130 },
    labelled('program', programLabel, { headerName: '项目', width: 120 }),
    labelled('status', statusLabel, { headerName: '状态', width: 90 }),
  ];
  const specific: Record<Register, Col[]> = {
    disability: [
      labelled('category', categoryText, { headerName: '残疾类别', width: 120 }),
      labelled('grade', gradeLabel, { headerName: '等级', width: 80 }),
    ],
    children: [
      labelled('childMode', modeLabel, { headerName: '养育方式', width: 120 }),
      { field: 'guardianName', headerName: '监护人', width: 150 },
    ],
    elderly: [labelled('tier', tierLabel, { headerName: '年龄段', width: 110 })],
  };
  const tail: Col[] = [
    {
      field: 'monthlyFen',
      headerName: '本月应发（元）',
      headerTooltip: '按补贴标准与政策计算的本月应发金额；悬停查看依据',
      tooltipField: 'monthlyReason',
      width: 120,
      type: 'numericColumn',
      comparator: num,
      filter: 'agNumberColumnFilter',
      valueFormatter: (p) => yuan(Number(p.value ?? 0)),
      getQuickFilterText: () => '',
    },
    { field: 'bankAccount', headerName: '银行账号', width: 190 },
    { field: 'appliedOn', headerName: '申请日期', width: 120, getQuickFilterText: () => '' },
  ];
  return [...common, ...specific[register], ...tail];
}
