import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, Button, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditRow } from '../../../../shared/contract';
import {
  auditActionLabel,
  auditChanges,
  auditChangeText,
  auditEntityLabel,
} from '../../../../shared/contract/audit-labels';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';

const columns: ColDef<AuditRow>[] = [
  {
    field: 'seq',
    headerName: '序号',
    width: 110,
    sort: 'desc',
    comparator: (a: number, b: number) => a - b,
    filter: 'agNumberColumnFilter',
  },
  {
    field: 'at',
    headerName: '时间',
    width: 180,
    valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }),
  },
  { field: 'username', headerName: '用户', width: 110 },
  {
    colId: 'action',
    headerName: '操作',
    width: 170,
    valueGetter: (p) => auditActionLabel(p.data?.action ?? ''),
    tooltipValueGetter: (p) => p.data?.action,
  },
  {
    colId: 'entity',
    headerName: '对象',
    width: 120,
    valueGetter: (p) => auditEntityLabel(p.data?.entity ?? ''),
  },
  { field: 'entityId', headerName: '对象编号', width: 120 },
  {
    colId: 'changes',
    headerName: '修改前 → 修改后',
    flex: 1,
    minWidth: 320,
    // Masked already in main for this viewer's role; here only put into words.
    valueGetter: (p) => (p.data ? auditChanges(p.data.before, p.data.after).map(auditChangeText).join('；') : ''),
    tooltipValueGetter: (p) =>
      p.data ? auditChanges(p.data.before, p.data.after).map(auditChangeText).join('\n') : '',
  },
  { field: 'hash', headerName: '校验值', width: 140, valueFormatter: (p) => String(p.value ?? '').slice(0, 12) },
];

/** Read-only view of the hash-chained audit log, with filters and the chain check. */
export function AuditPage() {
  const [username, setUsername] = useState('');
  const [entity, setEntity] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filter = {
    ...(username.trim() ? { username: username.trim() } : {}),
    ...(entity ? { entity } : {}),
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
  };
  const log = useQuery({
    queryKey: ['audit.list', filter],
    queryFn: () => call('audit.list', { ...filter, limit: 5000 }),
  });
  const verify = useMutation({ mutationFn: () => call('audit.verify', {}) });
  const entities = useQuery({ queryKey: ['audit.entities'], queryFn: () => call('audit.entities', {}) });
  const entityOptions = (entities.data ?? []).map((e) => ({
    value: e.entity,
    label: `${auditEntityLabel(e.entity)}（${String(e.count)}）`,
  }));

  return (
    <div className="page">
      <Space wrap>
        <Input.Search
          placeholder="按用户名筛选"
          allowClear
          style={{ width: 180 }}
          onSearch={setUsername}
          aria-label="用户名"
        />
        <Select
          placeholder="对象类型"
          allowClear
          style={{ width: 180 }}
          options={entityOptions}
          value={entity}
          onChange={setEntity}
          aria-label="对象类型"
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
        <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
          校验日志完整性
        </Button>
        <span>共 {log.data?.total ?? 0} 条</span>
      </Space>
      {verify.data ? (
        verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            title={`日志完整：共 ${verify.data.count} 条，链头 #${verify.data.head?.seq ?? 0}（${verify.data.head?.hash.slice(0, 16) ?? ''}…）`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={`日志第 ${verify.data.firstBroken?.seq} 条校验失败：${verify.data.firstBroken?.reason}`}
          />
        )
      ) : null}
      {verify.isError ? <Alert type="error" showIcon title={errorText(verify.error)} /> : null}
      <div className="grid-box">
        <AgGridReact<AuditRow>
          {...baseGridOptions}
          rowData={log.data?.rows ?? []}
          columnDefs={columns}
          loading={log.isPending}
          getRowId={(p) => String(p.data.seq)}
        />
      </div>
    </div>
  );
}
