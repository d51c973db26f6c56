import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Input as In, Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';

type County = Output<'city.counties'>['counties'][number];

const time = (v: unknown) => (v ? new Date(String(v)).toLocaleString('zh-CN', { hour12: false }) : '—');

const columns: ColDef<County>[] = [
  { field: 'code', headerName: '代码', width: 110 },
  { field: 'name', headerName: '县（区）', width: 140 },
  { field: 'fingerprint', headerName: '签名公钥指纹', minWidth: 360, flex: 1, cellStyle: { fontFamily: 'monospace' } },
  { field: 'packages', headerName: '已导入包数', width: 120, type: 'numericColumn' },
  { field: 'lastImportedAt', headerName: '最近导入', width: 190, valueFormatter: (p) => time(p.value) },
  { field: 'registeredAt', headerName: '登记时间', width: 190, valueFormatter: (p) => time(p.value) },
  { field: 'registeredBy', headerName: '登记人', width: 110 },
];

function RegisterModal({ open, initial, onClose }: { open: boolean; initial: County | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<In<'city.registerCounty'>>();
  const save = useMutation({
    mutationFn: (v: In<'city.registerCounty'>) => call('city.registerCounty', v),
    onSuccess: (r) => {
      void message.success(`已登记，签名公钥指纹 ${r.fingerprint}${r.replaced ? '（已更换该县密钥）' : ''}`);
      void queryClient.invalidateQueries({ queryKey: ['city.counties'] });
      void queryClient.invalidateQueries({ queryKey: ['package.status'] });
      onClose();
    },
    onError: (e) => form.setFields([{ name: 'signingKey', errors: [errorText(e)] }]),
  });
  return (
    <Modal
      open={open}
      title={initial ? `更换 ${initial.name} 的签名公钥` : '登记县（区）'}
      okText="登记"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial ? { code: initial.code, name: initial.name } : undefined}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="code"
          label="县级行政区划代码"
          rules={[{ required: true, pattern: /^\d{6}$/, message: '应为 6 位数字' }]}
        >
          <Input aria-label="县级行政区划代码" maxLength={6} disabled={Boolean(initial)} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写县（区）名称' }]}>
          <Input aria-label="名称" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="signingKey"
          label="签名公钥"
          extra="县里“上报”页面或 keys show 显示的签名公钥（一串字母数字）；登记后请电话核对指纹。"
          rules={[{ required: true, message: '请填写该县的签名公钥' }]}
        >
          <Input.TextArea rows={3} aria-label="签名公钥" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 县区登记 (city): the counties whose packages this office accepts, each with the key it signs with. */
export function CountiesPage() {
  const list = useQuery({ queryKey: ['city.counties'], queryFn: () => call('city.counties', {}) });
  const [editing, setEditing] = useState<{ county: County | null } | null>(null);
  const [selected, setSelected] = useState<County | null>(null);
  return (
    <div className="page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ county: null })}>
          登记县（区）
        </Button>
        <Button disabled={!selected} onClick={() => setEditing({ county: selected })}>
          更换签名公钥
        </Button>
        <Typography.Text type="secondary">未登记的县（区）首次导入数据包时，核对指纹后也会自动登记。</Typography.Text>
      </Space>
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <div style={{ height: 420 }} aria-label="下辖县区">
        <AgGridReact<County>
          {...baseGridOptions}
          rowData={list.data?.counties ?? []}
          columnDefs={columns}
          loading={list.isPending}
          getRowId={(p) => p.data.code}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        />
      </div>
      <RegisterModal open={editing !== null} initial={editing?.county ?? null} onClose={() => setEditing(null)} />
    </div>
  );
}
