import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { GridApi, GridReadyEvent, IRowNode } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Dropdown, Input, Progress, Select, Space } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, RegisterRow } from '../../../../shared/contract';
import { registers, type Program, type Register } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { registerColumns } from './columns';
import { yuan } from './labels';
import { DeathImportButton } from './DeathImportButton';
import { BatchDocuments } from '../documents/BatchDocuments';
import { BulkSteps } from './BulkSteps';
import { PersonDrawer } from './PersonDrawer';
import { PublicityModal } from './PublicityModal';
import { useColumnState } from './useColumnState';

const FIRST_PAGE = 500;
const PAGE = 10_000;

export function RegisterPage({ register, info }: { register: Register; info: AppInfo }) {
  const { message } = App.useApp();
  const user = info.session?.user;
  const canEdit = Boolean(user?.roles.includes('clerk'));
  const apiRef = useRef<GridApi<RegisterRow> | null>(null);
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [stats, setStats] = useState({ rows: 0, fen: 0 });
  const [township, setTownship] = useState<string | null>(null);
  const [village, setVillage] = useState<string | null>(null);
  const [open, setOpen] = useState<{ personId: number | null } | null>(null);
  const [publicity, setPublicity] = useState<number[] | null>(null);
  const [selectedCount, setSelectedCount] = useState(0);
  const filters = useRef({ township: null as string | null, village: null as string | null });
  const columns = useMemo(() => registerColumns(register), [register]);
  const columnState = useColumnState(`welfare-desk:grid:${user?.username ?? ''}:${register}`);
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => call('region.list', {}) });
  const townships = (regions.data ?? []).filter((r) => r.level === 'township');
  const townshipName = townships.find((t) => t.code === township)?.name ?? null;
  const villages = (regions.data ?? []).filter((r) => r.level === 'village' && r.parentCode === township);

  // The rows stream in pages; a page left (or a sign-out) stops the stream instead of failing it.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => void (alive.current = false);
  }, []);

  const load = useCallback(
    async (api: GridApi<RegisterRow>) => {
      // The first rows paint at once; the rest stream in without blocking the page.
      const first = await call('register.list', { register, limit: FIRST_PAGE });
      api.setGridOption('rowData', first.rows);
      let loaded = first.rows.length;
      let afterId = first.rows.at(-1)?.enrolmentId ?? 0;
      setLoading(loaded < first.total ? { loaded, total: first.total } : null);
      while (loaded < first.total && alive.current) {
        const page = await call('register.list', { register, afterId, limit: PAGE });
        if (page.rows.length === 0) break;
        await new Promise<void>((resolve) => api.applyTransactionAsync({ add: page.rows }, () => resolve()));
        loaded += page.rows.length;
        afterId = page.rows.at(-1)?.enrolmentId ?? afterId;
        setLoading(loaded < first.total ? { loaded, total: first.total } : null);
      }
    },
    [register],
  );

  const onGridReady = useCallback(
    (e: GridReadyEvent<RegisterRow>) => {
      apiRef.current = e.api;
      columnState.restore(e.api);
      load(e.api).catch((err: unknown) => void (alive.current && message.error(errorText(err))));
    },
    [columnState, load, message],
  );

  const recount = useCallback(() => {
    let rows = 0;
    let fen = 0;
    apiRef.current?.forEachNodeAfterFilter((n) => {
      if (!n.data) return;
      rows++;
      fen += n.data.monthlyFen;
    });
    setStats((s) => (s.rows === rows && s.fen === fen ? s : { rows, fen }));
  }, []);

  const setRegionFilter = (t: string | null, v: string | null) => {
    setTownship(t);
    setVillage(v);
    const tName = townships.find((x) => x.code === t)?.name ?? null;
    const vName = (regions.data ?? []).find((x) => x.code === v)?.name ?? null;
    filters.current = { township: tName, village: vName };
    apiRef.current?.onFilterChanged();
  };

  /** After an edit, replace this person's rows (and add new ones) without reloading the register. */
  const refreshPerson = async (personId: number) => {
    const api = apiRef.current;
    if (!api) return;
    const fresh = await call('register.list', { register, personId, limit: 50 });
    const existing: RegisterRow[] = [];
    api.forEachNode((n) => n.data?.personId === personId && existing.push(n.data));
    const known = new Set(existing.map((r) => r.enrolmentId));
    api.applyTransaction({
      update: fresh.rows.filter((r) => known.has(r.enrolmentId)),
      add: fresh.rows.filter((r) => !known.has(r.enrolmentId)),
    });
  };

  const exportRows = async (format: 'csv' | 'xlsx') => {
    const api = apiRef.current;
    if (!api) return;
    const cols = api.getAllDisplayedColumns();
    const rows: Array<Array<string | number | null>> = [];
    api.forEachNodeAfterFilterAndSort((node: IRowNode<RegisterRow>) => {
      rows.push(
        cols.map((c) => api.getCellValue({ rowNode: node, colKey: c, useFormatter: true }) as string | number | null),
      );
    });
    try {
      const r = await call('export.table', {
        title: registers[register].label,
        format,
        columns: cols.map((c) => c.getColDef().headerName ?? ''),
        rows,
      });
      void message.success(`已导出 ${r.rows} 行到 ${r.fileName}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  // Stable props: a new function on every render would make AG Grid re-apply the option (and re-filter).
  const gridProps = useMemo(
    () => ({
      ...baseGridOptions,
      getRowId: (p: { data: RegisterRow }) => String(p.data.enrolmentId),
      onModelUpdated: recount,
      isExternalFilterPresent: () => filters.current.township !== null,
      doesExternalFilterPass: (node: IRowNode<RegisterRow>) =>
        node.data?.township === filters.current.township &&
        (filters.current.village === null || node.data?.village === filters.current.village),
      onRowDoubleClicked: (e: { data?: RegisterRow }) => e.data && setOpen({ personId: e.data.personId }),
      onCellKeyDown: (e: { event?: Event | null; data?: RegisterRow }) => {
        if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) setOpen({ personId: e.data.personId });
      },
      onSortChanged: (e: { api: GridApi }) => columnState.save(e.api),
      onColumnMoved: (e: { api: GridApi; finished: boolean }) => e.finished && columnState.save(e.api),
      onColumnResized: (e: { api: GridApi; finished: boolean }) => e.finished && columnState.save(e.api),
      onColumnVisible: (e: { api: GridApi }) => columnState.save(e.api),
      onColumnPinned: (e: { api: GridApi }) => columnState.save(e.api),
      // Checkboxes for 批量办理: shift-click selects a range, the header box everything in the filter.
      rowSelection: {
        mode: 'multiRow',
        checkboxes: true,
        headerCheckbox: true,
        selectAll: 'filtered',
        enableClickSelection: false,
      } as const,
      // The boxes stay at the left edge, before the pinned name, as a list's ticks do.
      selectionColumnDef: {
        pinned: 'left' as const,
        width: 48,
        sortable: false,
        resizable: false,
        suppressHeaderMenuButton: true,
      },
      onSelectionChanged: (e: { api: GridApi<RegisterRow> }) => setSelectedCount(e.api.getSelectedNodes().length),
    }),
    [recount, columnState],
  );

  return (
    <div className="page">
      <Space wrap>
        <Input.Search
          placeholder="姓名、拼音首字母、身份证号或银行账号"
          allowClear
          style={{ width: 320 }}
          aria-label="快速查找"
          onChange={(e) => apiRef.current?.setGridOption('quickFilterText', e.target.value)}
        />
        <Select
          placeholder="乡镇（街道）"
          allowClear
          style={{ width: 160 }}
          aria-label="乡镇（街道）"
          value={township}
          options={townships.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(v: string | undefined) => setRegionFilter(v ?? null, null)}
        />
        <Select
          placeholder="村（社区）"
          allowClear
          disabled={!township}
          style={{ width: 160 }}
          aria-label="村（社区）"
          value={village}
          options={villages.map((v) => ({ value: v.code, label: v.name }))}
          onChange={(v: string | undefined) => setRegionFilter(township, v ?? null)}
        />
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ personId: null })}>
            新增
          </Button>
        ) : null}
        <Button
          onClick={() => {
            // The approvals in the current filter: 已审批 or 公示中.
            const ids: number[] = [];
            apiRef.current?.forEachNodeAfterFilterAndSort((n) => {
              if (n.data && (n.data.status === 'approved' || n.data.status === 'publicized'))
                ids.push(n.data.enrolmentId);
            });
            if (ids.length === 0) void message.info('当前筛选中没有已审批或公示中的记录');
            else setPublicity(ids);
          }}
        >
          公示名单
        </Button>
        <BatchDocuments
          programs={registers[register].programs}
          township={township}
          selection={() => {
            // The people in the grid's current filter and sort, per program.
            const byProgram = new Map<Program, number[]>();
            apiRef.current?.forEachNodeAfterFilterAndSort((n) => {
              if (!n.data) return;
              const list = byProgram.get(n.data.program) ?? [];
              if (list.length === 0) byProgram.set(n.data.program, list);
              list.push(n.data.personId);
            });
            return byProgram;
          }}
        />
        <BulkSteps
          roles={user?.roles ?? []}
          selected={() => {
            // Only what the filter still shows: a row hidden by a later filter is not acted on unseen.
            const ids: number[] = [];
            apiRef.current?.forEachNodeAfterFilterAndSort(
              (n) => n.isSelected() && n.data && ids.push(n.data.enrolmentId),
            );
            return ids;
          }}
          onDone={() => {
            apiRef.current?.deselectAll();
            if (apiRef.current) void load(apiRef.current);
          }}
        />
        {canEdit ? <DeathImportButton onDone={() => apiRef.current && void load(apiRef.current)} /> : null}
        <Dropdown
          menu={{
            items: [
              { key: 'xlsx', label: '导出为 Excel（xlsx）' },
              { key: 'csv', label: '导出为 CSV' },
            ],
            onClick: (e) => void exportRows(e.key === 'csv' ? 'csv' : 'xlsx'),
          }}
        >
          <Button icon={<DownloadOutlined />}>导出</Button>
        </Dropdown>
        {loading ? (
          <Progress
            percent={Math.floor((loading.loaded / loading.total) * 100)}
            size="small"
            style={{ width: 160 }}
            format={() => `载入 ${loading.loaded}/${loading.total}`}
          />
        ) : null}
      </Space>
      <div className="grid-box">
        <AgGridReact<RegisterRow> {...gridProps} columnDefs={columns} onGridReady={onGridReady} />
      </div>
      <div className="grid-status" role="note" aria-label="合计">
        共 {stats.rows} 条{townshipName ? `（${townshipName}）` : ''}，月标准合计 {yuan(stats.fen)} 元
        {selectedCount ? `，已勾选 ${selectedCount} 条` : ''}
      </div>
      {publicity ? (
        <PublicityModal enrolmentIds={publicity} title={registers[register].label} onClose={() => setPublicity(null)} />
      ) : null}
      {open ? (
        <PersonDrawer
          personId={open.personId}
          register={register}
          canEdit={canEdit}
          roles={user?.roles ?? []}
          onClose={() => setOpen(null)}
          onSaved={(personId) => void refreshPerson(personId)}
        />
      ) : null}
    </div>
  );
}
