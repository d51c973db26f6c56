import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Checkbox, Tooltip } from 'antd';
import { useMemo } from 'react';
import type { ImportReport } from '../../../../shared/contract';
import { importRowKindLabels } from '../../../../shared/contract';
import { registerFieldLabels, isRegisterField } from '../../../../shared/domain/import/fields';
import { fieldIssueLabels, type FieldIssueCode } from '../../../../shared/domain/issues';

const lineCodeLabels: Record<string, string> = { ...fieldIssueLabels, UPDATE: '信息变更', ENROL: '新增待遇' };

/** The code in words; the code itself in the tooltip (and in the downloaded report). */
function CodeCell({ code }: { code: string }) {
  return (
    <Tooltip title={`代码 ${code}`}>
      <span data-code={code}>{lineCodeLabels[code as FieldIssueCode] ?? code}</span>
    </Tooltip>
  );
}
import { baseGridOptions } from '../../grid/setup';

/** One line per problem or update, as in the downloadable report. */
interface Line {
  key: string;
  row: number;
  result: string;
  name: string;
  idNumber: string;
  field: string;
  code: string;
  message: string;
  update: boolean;
  /** 疑似不同人员: imported only when confirmed on its own line. */
  mismatch: boolean;
}

function lines(report: ImportReport): Line[] {
  const out: Line[] = [];
  for (const r of report.rows) {
    const base = {
      row: r.row,
      name: r.name,
      idNumber: r.idNumber,
      update: r.kind === 'update',
      mismatch: r.nameMismatch,
    };
    const label = (f: string) => (isRegisterField(f) ? registerFieldLabels[f] : f);
    r.errors.forEach((e, i) =>
      out.push({
        ...base,
        key: `${r.row}e${i}`,
        result: '拒绝',
        field: label(e.field),
        code: e.code,
        message: e.message,
      }),
    );
    r.warnings.forEach((w, i) =>
      out.push({
        ...base,
        key: `${r.row}w${i}`,
        result: '提示',
        field: label(w.field),
        code: w.code,
        message: w.message,
      }),
    );
    r.changes.forEach((c, i) =>
      out.push({
        ...base,
        key: `${r.row}c${i}`,
        result: importRowKindLabels[r.kind],
        field: c.label,
        code: 'UPDATE',
        message: `${c.before ?? '（空）'} → ${c.after ?? '（空）'}`,
      }),
    );
    if (r.kind === 'update' && r.changes.length === 0)
      out.push({
        ...base,
        key: `${r.row}n`,
        result: '更新',
        field: '',
        code: 'ENROL',
        message: '已登记人员，新增本项目待遇记录',
      });
  }
  return out;
}

export function ReportGrid({
  report,
  skipRows,
  onToggleSkip,
  confirmRows,
  onToggleConfirm,
}: {
  report: ImportReport;
  skipRows: ReadonlySet<number>;
  onToggleSkip: (row: number) => void;
  confirmRows: ReadonlySet<number>;
  onToggleConfirm: (row: number) => void;
}) {
  const data = useMemo(() => lines(report), [report]);
  const columns = useMemo<Array<ColDef<Line>>>(
    () => [
      { field: 'row', headerName: '行号', width: 90, sort: 'asc' },
      { field: 'result', headerName: '结果', width: 90 },
      { field: 'name', headerName: '姓名', width: 110 },
      { field: 'idNumber', headerName: '身份证号', width: 190 },
      { field: 'field', headerName: '字段', width: 130 },
      {
        field: 'code',
        headerName: '问题',
        width: 190,
        cellRenderer: (p: ICellRendererParams<Line>) => (p.data ? <CodeCell code={p.data.code} /> : null),
        getQuickFilterText: (p) => lineCodeLabels[String(p.value)] ?? String(p.value),
      },
      // Long reasons (疑似不同人员 names both names) are read whole in the tooltip.
      { field: 'message', headerName: '说明', flex: 1, minWidth: 300, tooltipField: 'message' },
      {
        headerName: '导入',
        width: 110,
        // Always in view: on a narrow window the choice must not scroll away behind the reasons.
        pinned: 'right',
        sortable: false,
        filter: false,
        cellRenderer: (p: ICellRendererParams<Line>) =>
          p.data?.mismatch ? (
            <Checkbox
              aria-label={`确认第 ${p.data.row} 行是同一人`}
              checked={confirmRows.has(p.data.row)}
              onChange={() => p.data && onToggleConfirm(p.data.row)}
            >
              是同一人
            </Checkbox>
          ) : p.data?.update ? (
            <Checkbox
              aria-label={`导入第 ${p.data.row} 行`}
              checked={!skipRows.has(p.data.row)}
              onChange={() => p.data && onToggleSkip(p.data.row)}
            />
          ) : null,
      },
    ],
    [skipRows, onToggleSkip, confirmRows, onToggleConfirm],
  );
  return (
    <div className="grid-box" style={{ height: 420 }} aria-label="逐行结果">
      <AgGridReact<Line> {...baseGridOptions} rowData={data} columnDefs={columns} getRowId={(p) => p.data.key} />
    </div>
  );
}
