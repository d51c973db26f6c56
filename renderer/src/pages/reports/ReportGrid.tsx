import type { CellClickedEvent, ColDef, ColGroupDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { ReportView } from '../../../../shared/contract/reports';
import { formatFen } from '../../../../shared/domain/money';
import type { ReportCell } from '../../../../shared/domain/reports';
import { baseGridOptions } from '../../grid/setup';

interface Line {
  key: string;
  label: string;
  role: string;
  cells: ReportCell[];
}

const shown = (c: ReportCell | undefined) =>
  !c ? '' : c.kind === 'count' ? String(c.value) : c.kind === 'money' ? formatFen(c.fen) : c.text;

/** A report form as a grid: the same cells as the export; a count with people behind it opens them. */
export function ReportGrid({ view, onDrill }: { view: ReportView; onDrill: (drill: string, title: string) => void }) {
  const t = view.table;
  const rows = useMemo<Line[]>(
    () =>
      t.rows.map((r) => ({
        key: r.key,
        label: `${r.level === 1 ? '\u3000' : ''}${r.label}${r.unit ? `（${r.unit}）` : ''}`,
        role: r.role ?? '',
        cells: r.cells,
      })),
    [t],
  );
  const columns = useMemo(() => {
    const leaf = (i: number): ColDef<Line> => {
      const c = t.columns[i];
      return {
        colId: c?.key ?? String(i),
        headerName: c?.label ?? '',
        // Ten counts and the item column fit a 1366-pixel screen without scrolling sideways.
        minWidth: 84,
        flex: 1,
        sortable: false,
        filter: false,
        type: 'rightAligned',
        valueGetter: (p) => shown(p.data?.cells[i]),
        cellClass: (p) => {
          const cell = p.data?.cells[i];
          return cell?.kind === 'count' && cell.drill && cell.value > 0 ? 'report-drill' : '';
        },
        cellStyle: (p) => {
          const cell = p.data?.cells[i];
          return cell?.kind === 'count' && cell.drill && cell.value > 0
            ? { color: '#1677ff', cursor: 'pointer', textDecoration: 'underline' }
            : null;
        },
      };
    };
    const defs: Array<ColDef<Line> | ColGroupDef<Line>> = [
      // Wide enough for the longest program name (事实无人抚养儿童基本生活保障金); the whole text is also the tooltip.
      {
        field: 'label',
        headerName: '项目',
        pinned: 'left',
        minWidth: 250,
        sortable: false,
        filter: false,
        tooltipField: 'label',
      },
    ];
    for (let i = 0; i < t.columns.length; i++) {
      const group = t.columns[i]?.group;
      if (!group) {
        defs.push(leaf(i));
        continue;
      }
      const children: ColDef<Line>[] = [];
      while (t.columns[i]?.group === group) children.push(leaf(i++));
      i--;
      defs.push({ headerName: group, children, marryChildren: true });
    }
    return defs;
  }, [t]);
  const click = (e: CellClickedEvent<Line>) => {
    const index = t.columns.findIndex((c) => c.key === e.column.getColId());
    const cell = e.data?.cells[index];
    if (cell?.kind === 'count' && cell.drill && cell.value > 0)
      onDrill(
        cell.drill,
        `${e.data?.label.trim() ?? ''} · ${t.columns[index]?.group ?? ''}${t.columns[index]?.label ?? ''}`,
      );
  };
  return (
    <div style={{ height: 'calc(100vh - 330px)', minHeight: 320 }}>
      <AgGridReact<Line>
        {...baseGridOptions}
        // A form has a few dozen columns at most: every cell stays in the page for find-in-page and screen readers.
        suppressColumnVirtualisation
        rowData={rows}
        columnDefs={columns}
        getRowId={(p) => p.data.key}
        getRowStyle={(p) => (p.data?.role ? { fontWeight: 600 } : undefined)}
        onCellClicked={click}
      />
    </div>
  );
}
