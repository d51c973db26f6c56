import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App, Button, Form, Input, Space, Upload } from 'antd';
import { useState } from 'react';
import type { Region } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { baseGridOptions } from '../../grid/setup';

interface Row extends Region {
  township: string;
}

function columns(onRetire: (code: string, retired: boolean) => void): ColDef<Row>[] {
  return [
    { field: 'code', headerName: '区划代码', width: 160 },
    { field: 'township', headerName: '乡镇（街道）', width: 180 },
    { field: 'name', headerName: '名称', flex: 1 },
    {
      field: 'level',
      headerName: '级别',
      width: 120,
      valueFormatter: (p) => (p.value === 'township' ? '乡镇（街道）' : '村（社区）'),
    },
    {
      colId: 'retired',
      headerName: '状态',
      width: 150,
      cellRenderer: (p: { data?: Row }) =>
        p.data ? (
          <Space size={4}>
            <span>{p.data.retired ? '已停用' : '使用中'}</span>
            <Button size="small" type="link" onClick={() => p.data && onRetire(p.data.code, !p.data.retired)}>
              {p.data.retired ? '恢复' : '停用'}
            </Button>
          </Space>
        ) : null,
    },
  ];
}

/** The county's townships and villages: imported from the statistics office's xlsx, or added one by one. */
export function RegionsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const [report, setReport] = useState<string | null>(null);
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => call('region.list', {}) });
  const names = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
  const rows: Row[] = (regions.data ?? []).map((r) => ({
    ...r,
    township: r.level === 'township' ? r.name : (names.get(r.parentCode ?? '') ?? ''),
  }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['region.list'] });
  const save = useMutation({
    mutationFn: (v: { code: string; name: string }) => call('region.save', v),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
    onError: (e) => form.setFields([{ name: 'code', errors: [errorText(e).replace(/^区划代码：/, '')] }]),
  });
  const retire = useMutation({
    mutationFn: (v: { code: string; retired: boolean }) => call('region.retire', v),
    onSuccess: refresh,
    onError: (e) => void message.error(errorText(e)),
  });
  const loadNational = useMutation({
    mutationFn: async () => {
      const info = await call('app.info', {});
      return call('region.loadNational', { countyCode: info.profile?.countyCode ?? '' });
    },
    onSuccess: (r) => {
      setReport(`全国区划：本县区乡镇（街道）${r.townships} 个、村（社区）${r.villages} 个；新增 ${r.added} 个`);
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const live = rows.filter((r) => !r.retired);
  const importFile = useMutation({
    mutationFn: async (file: File) =>
      call('region.import', { fileName: file.name, contentBase64: await fileToBase64(file) }),
    onSuccess: (r) => {
      setReport(
        `已导入乡镇（街道）${r.townships} 个、村（社区）${r.villages} 个${
          r.rejected.length
            ? `；${r.rejected.length} 行未导入：${r.rejected
                .slice(0, 5)
                .map((x) => `第 ${x.row} 行 ${x.message}`)
                .join('；')}`
            : ''
        }`,
      );
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <div className="page">
      <Space wrap>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (importFile.mutate(file), false)}>
          <Button icon={<UploadOutlined />} loading={importFile.isPending}>
            从 Excel 导入（含“区划代码”“名称”两列）
          </Button>
        </Upload>
        <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="code"
            rules={[
              { required: true, message: '请填写区划代码' },
              { pattern: /^\d{9}(\d{3})?$/, message: '区划代码应为 12 位数字（乡镇也可写 9 位）' },
            ]}
          >
            <Input placeholder="12 位区划代码" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder="名称" style={{ width: 150 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            添加或改名
          </Button>
        </Form>
        <Button loading={loadNational.isPending} onClick={() => loadNational.mutate()}>
          载入全国区划中的本县区名单
        </Button>
        <span data-testid="region-counts">
          乡镇（街道）{live.filter((r) => r.level === 'township').length} 个，村（社区）
          {live.filter((r) => r.level === 'village').length} 个
        </span>
      </Space>
      {report ? <Alert type="info" showIcon closable title={report} /> : null}
      <div className="grid-box">
        <AgGridReact<Row>
          {...baseGridOptions}
          rowData={rows}
          columnDefs={columns((code, retired) => retire.mutate({ code, retired }))}
          getRowId={(p) => p.data.code}
        />
      </div>
    </div>
  );
}
