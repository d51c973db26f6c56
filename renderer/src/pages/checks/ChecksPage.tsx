import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef, GridApi, ICellRendererParams, IRowNode } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Form, Input, Modal, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Result } from '../../../../shared/contract';
import { checkChannels, type CheckRow } from '../../../../shared/contract/checks';
import {
  checkKindDefs,
  checkKinds,
  severityLabels,
  type CheckKind,
  type CheckSeverity,
} from '../../../../shared/domain/checks';
import { api, ApiError, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';

/**
 * The check channels reach main by name; until they join the contract the typed
 * `call` does not know them, so the value is checked against the channel's own
 * output schema here instead.
 */
interface ByName {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}
async function invokeCheck(channel: keyof typeof checkChannels, input: unknown): Promise<unknown> {
  const byName: ByName = api;
  const r = await byName.invoke(channel, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

const listChecks = async (includeDismissed: boolean) =>
  checkChannels['check.list'].output.parse(await invokeCheck('check.list', { includeDismissed }));
const countChecks = async () => checkChannels['check.counts'].output.parse(await invokeCheck('check.counts', {}));
const dismissCheck = async (input: { kind: CheckKind; subject: string; reason: string }) =>
  checkChannels['check.dismiss'].output.parse(await invokeCheck('check.dismiss', input));

/** Query keys: any change to a person or an enrolment should invalidate both. */
export const checkQueryKeys = { list: ['check.list'], counts: ['check.counts'] } as const;

/**
 * Open findings per kind and in all, for the menu badge; refreshed every few
 * minutes and after a dismissal. Pass `enabled: false` for users without a staff
 * role (the channel refuses them).
 */
export function useCheckCounts(enabled = true) {
  return useQuery({
    queryKey: checkQueryKeys.counts,
    queryFn: countChecks,
    enabled,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

const severityColors: Record<CheckSeverity, string> = { error: 'red', warning: 'orange', info: 'blue' };
const kindsBySeverity = [...checkKinds].sort(
  (a, b) =>
    ['error', 'warning', 'info'].indexOf(checkKindDefs[a].severity) -
    ['error', 'warning', 'info'].indexOf(checkKindDefs[b].severity),
);

function DismissModal({ row, onClose }: { row: CheckRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const dismiss = useMutation({
    mutationFn: (reason: string) =>
      row ? dismissCheck({ kind: row.kind, subject: row.subject, reason }) : Promise.reject(new Error('no row')),
    onSuccess: () => {
      void message.success('已忽略该预警');
      form.resetFields();
      onClose();
      void queryClient.invalidateQueries({ queryKey: checkQueryKeys.list });
      void queryClient.invalidateQueries({ queryKey: checkQueryKeys.counts });
    },
    onError: (e) => form.setFields([{ name: 'reason', errors: [errorText(e)] }]),
  });
  return (
    <Modal
      open={row !== null}
      title="忽略预警"
      okText="忽略"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={dismiss.isPending}
      destroyOnHidden
    >
      {row ? (
        <Typography.Paragraph>
          <Tag color={severityColors[row.severity]}>{checkKindDefs[row.kind].label}</Tag>
          {row.message}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => dismiss.mutate(v.reason.trim())}>
        <Form.Item
          label="忽略原因"
          name="reason"
          extra="忽略后该预警不再列出（记录在操作日志中）；情况变化时会重新提示。"
          rules={[
            { required: true, whitespace: true, message: '请填写忽略的原因' },
            { min: 2, max: 200, message: '原因应为 2–200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus placeholder="例如：存折账号，已与本人核对" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ChecksPage({ onOpen }: { onOpen: (personId: number) => void }) {
  const { message } = App.useApp();
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const [kind, setKind] = useState<CheckKind | null>(null);
  const [dismissing, setDismissing] = useState<CheckRow | null>(null);
  const [shown, setShown] = useState(0);
  const apiRef = useRef<GridApi<CheckRow> | null>(null);
  const kindRef = useRef<CheckKind | null>(null);
  const list = useQuery({
    queryKey: [...checkQueryKeys.list, includeDismissed],
    queryFn: () => listChecks(includeDismissed),
  });

  const chooseKind = (k: CheckKind | null) => {
    kindRef.current = k;
    setKind(k);
    apiRef.current?.onFilterChanged();
  };

  const columns = useMemo<ColDef<CheckRow>[]>(
    () => [
      {
        field: 'severity',
        headerName: '级别',
        width: 96,
        valueFormatter: (p) => (p.value ? severityLabels[p.value as CheckSeverity] : ''),
        cellRenderer: (p: ICellRendererParams<CheckRow>) =>
          p.data ? <Tag color={severityColors[p.data.severity]}>{severityLabels[p.data.severity]}</Tag> : null,
      },
      {
        colId: 'kind',
        headerName: '类别',
        width: 190,
        valueGetter: (p) => (p.data ? checkKindDefs[p.data.kind].label : ''),
        tooltipValueGetter: (p) => (p.data ? `处理：${checkKindDefs[p.data.kind].action}` : ''),
      },
      { field: 'name', headerName: '姓名', width: 110 },
      { field: 'township', headerName: '乡镇（街道）', width: 130 },
      { field: 'village', headerName: '村（社区）', width: 130 },
      { field: 'message', headerName: '说明', flex: 1, minWidth: 320, tooltipField: 'message' },
      ...(includeDismissed
        ? [
            {
              colId: 'dismissed',
              headerName: '已忽略',
              width: 200,
              valueGetter: (p: { data?: CheckRow }) =>
                p.data?.dismissed ? `${p.data.dismissed.reason}（${p.data.dismissed.by}）` : '',
            } satisfies ColDef<CheckRow>,
          ]
        : []),
      {
        colId: 'actions',
        headerName: '操作',
        width: 150,
        pinned: 'right',
        sortable: false,
        filter: false,
        cellRenderer: (p: ICellRendererParams<CheckRow>) => {
          const row = p.data;
          if (!row) return null;
          return (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => onOpen(row.personId)}>
                打开
              </Button>
              <Button size="small" type="link" disabled={row.dismissed !== null} onClick={() => setDismissing(row)}>
                忽略
              </Button>
            </Space>
          );
        },
      },
    ],
    [includeDismissed, onOpen],
  );

  const recount = useCallback(() => setShown(apiRef.current?.getDisplayedRowCount() ?? 0), []);
  const gridProps = useMemo(
    () => ({
      ...baseGridOptions,
      getRowId: (p: { data: CheckRow }) => `${p.data.kind}|${p.data.subject}`,
      isExternalFilterPresent: () => kindRef.current !== null,
      doesExternalFilterPass: (node: IRowNode<CheckRow>) => node.data?.kind === kindRef.current,
      onModelUpdated: recount,
      onRowDoubleClicked: (e: { data?: CheckRow }) => e.data && onOpen(e.data.personId),
      tooltipShowDelay: 400,
    }),
    [onOpen, recount],
  );

  const counts = list.data?.counts;
  return (
    <div className="page">
      <Space wrap size={[6, 6]} aria-label="各类预警数量">
        <Tag.CheckableTag checked={kind === null} onChange={() => chooseKind(null)}>
          全部 {list.data?.total ?? 0}
        </Tag.CheckableTag>
        {kindsBySeverity
          .filter((k) => (counts?.[k] ?? 0) > 0 || kind === k)
          .map((k) => (
            <Tooltip key={k} title={`处理：${checkKindDefs[k].action}`}>
              <Tag.CheckableTag checked={kind === k} onChange={(on) => chooseKind(on ? k : null)}>
                <Typography.Text
                  type={
                    checkKindDefs[k].severity === 'error'
                      ? 'danger'
                      : checkKindDefs[k].severity === 'warning'
                        ? 'warning'
                        : undefined
                  }
                >
                  {checkKindDefs[k].label} {counts?.[k] ?? 0}
                </Typography.Text>
              </Tag.CheckableTag>
            </Tooltip>
          ))}
      </Space>
      <Space wrap>
        <Input.Search
          placeholder="姓名、说明中的文字"
          allowClear
          style={{ width: 280 }}
          aria-label="快速查找"
          onChange={(e) => apiRef.current?.setGridOption('quickFilterText', e.target.value)}
        />
        <Space size={4}>
          <Switch size="small" checked={includeDismissed} onChange={setIncludeDismissed} aria-label="显示已忽略" />
          显示已忽略
        </Space>
        <Button
          icon={<ReloadOutlined />}
          loading={list.isFetching}
          onClick={() => void list.refetch().then((r) => r.error && message.error(errorText(r.error)))}
        >
          重新检查
        </Button>
      </Space>
      <div className="grid-box">
        <AgGridReact<CheckRow>
          {...gridProps}
          rowData={list.data?.rows ?? []}
          columnDefs={columns}
          loading={list.isPending}
          onGridReady={(e) => (apiRef.current = e.api)}
        />
      </div>
      <div className="grid-status" role="note" aria-label="合计">
        {list.error ? errorText(list.error) : `显示 ${shown} 条${list.data ? `，检查日期 ${list.data.today}` : ''}`}
      </div>
      <DismissModal row={dismissing} onClose={() => setDismissing(null)} />
    </div>
  );
}
