import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, Card, Descriptions, Tag } from 'antd';
import type { TableInfo } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';

const columns: ColDef<TableInfo>[] = [
  { field: 'label', headerName: '数据表', flex: 1, sort: 'asc' },
  { field: 'name', headerName: '表名', flex: 1 },
  {
    field: 'rows',
    headerName: '行数',
    width: 120,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    comparator: undefined,
  },
];

export function DatabasePage() {
  const status = useQuery({ queryKey: ['system.status'], queryFn: () => call('system.status', {}) });
  const tables = useQuery({ queryKey: ['system.tables'], queryFn: () => call('system.tables', {}) });
  const s = status.data;
  const healthy = s?.integrity.length === 1 && s.integrity[0] === 'ok';

  return (
    <div className="page">
      <Card title="数据库状态" size="small" loading={status.isPending}>
        {status.isError ? <Alert type="error" title={errorText(status.error)} /> : null}
        {s ? (
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="架构版本">
              {s.schemaVersion} / {s.latestSchemaVersion}
            </Descriptions.Item>
            <Descriptions.Item label="加密方式">
              {s.cipher === 'sqlcipher' ? 'SQLCipher 4（AES-256）' : s.cipher}
            </Descriptions.Item>
            <Descriptions.Item label="日志模式">{s.journalMode.toUpperCase()}</Descriptions.Item>
            <Descriptions.Item label="页数">{s.pageCount}</Descriptions.Item>
            <Descriptions.Item label="文件大小">{(s.fileBytes / 1024).toFixed(0)} KB</Descriptions.Item>
            <Descriptions.Item label="完整性检查">
              {healthy ? <Tag color="success">正常</Tag> : <Tag color="error">{s.integrity.join('；')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card title="数据表" size="small" styles={{ body: { height: 320 } }}>
        {tables.isError ? <Alert type="error" title={errorText(tables.error)} /> : null}
        <div className="grid-box" style={{ height: '100%' }}>
          <AgGridReact<TableInfo>
            {...baseGridOptions}
            rowData={tables.data ?? []}
            columnDefs={columns}
            loading={tables.isPending}
          />
        </div>
      </Card>
    </div>
  );
}
