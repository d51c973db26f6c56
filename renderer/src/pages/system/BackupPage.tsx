import { CloudDownloadOutlined, KeyOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { backupKindLabels, type BackupEntry } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';

const groupLabels: Record<BackupEntry['group'], string> = {
  daily: '每日',
  monthly: '每月',
  manual: '手动',
  safety: '安全副本',
};

const columns: ColDef<BackupEntry>[] = [
  {
    field: 'createdAt',
    headerName: '备份时间',
    width: 190,
    sort: 'desc',
    valueFormatter: (p) => (p.value ? new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }) : '—'),
  },
  {
    field: 'group',
    headerName: '类别',
    width: 110,
    valueFormatter: (p) => groupLabels[p.value as BackupEntry['group']] ?? String(p.value),
  },
  {
    field: 'kind',
    headerName: '方式',
    width: 160,
    valueFormatter: (p) => (p.value ? backupKindLabels[p.value as keyof typeof backupKindLabels] : '无法读取'),
  },
  { field: 'rows', headerName: '数据行数', width: 120, type: 'numericColumn' },
  {
    field: 'bytes',
    headerName: '大小',
    width: 120,
    type: 'numericColumn',
    valueFormatter: (p) => `${Math.ceil(Number(p.value) / 1024)} KB`,
  },
  { field: 'schemaVersion', headerName: '架构版本', width: 110 },
  { field: 'id', headerName: '编号', flex: 1 },
];

/** Backups: automatic ones listed, a manual one to a chosen folder (USB), restore, and a new database key. */
export function BackupPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<BackupEntry | null>(null);
  const [rekeying, setRekeying] = useState(false);
  const [passwordForm] = Form.useForm<{ password: string }>();
  const list = useQuery({ queryKey: ['backup.list'], queryFn: () => call('backup.list', {}) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['backup.list'] });
  const runJob = useJob();
  const create = useMutation({
    mutationFn: () => runJob('backup.create', {}),
    onSuccess: (r) => {
      void message.success(`已备份到 ${r.path}`);
      refresh();
    },
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const restore = useMutation({
    mutationFn: (input: { id: string } | { choose: true }) => runJob('backup.restore', input),
    onSuccess: (r) => {
      modal.success({
        title: '恢复完成',
        content: `已从 ${r.restoredFrom}（${new Date(r.createdAt).toLocaleString('zh-CN', { hour12: false })}）恢复。原数据库已保存为安全副本。请重新登录。`,
      });
      void queryClient.invalidateQueries();
    },
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const rekey = useMutation({
    mutationFn: (v: { password: string }) => call('key.rekey', v),
    onSuccess: (r) => {
      void message.success(`数据库密钥已更换，${r.slots} 个密钥槽已重新封装`);
      setRekeying(false);
      passwordForm.resetFields();
    },
    onError: (e) => passwordForm.setFields([{ name: 'password', errors: [errorText(e)] }]),
  });
  const confirmRestore = (input: { id: string } | { choose: true }, what: string) =>
    modal.confirm({
      title: `从${what}恢复？`,
      content: '当前数据库会先保存为安全副本，然后被备份替换；所有人需要重新登录。',
      okText: '恢复',
      cancelText: '取消',
      onOk: () => restore.mutateAsync(input),
    });

  return (
    <div className="page">
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={create.isPending} onClick={() => create.mutate()}>
          立即备份到…（如 U 盘）
        </Button>
        <Button
          icon={<CloudDownloadOutlined />}
          disabled={!selected}
          loading={restore.isPending}
          onClick={() => selected && confirmRestore({ id: selected.id }, `备份 ${selected.id} `)}
        >
          从选中的备份恢复
        </Button>
        <Button loading={restore.isPending} onClick={() => confirmRestore({ choose: true }, '其他位置的备份')}>
          从其他位置恢复…
        </Button>
        <Button icon={<KeyOutlined />} onClick={() => setRekeying(true)}>
          更换数据库密钥
        </Button>
      </Space>
      <Typography.Text type="secondary">
        每天首次使用和退出程序时自动备份；保留份数在“系统设置”中调整。备份文件同样加密。
      </Typography.Text>
      {list.isError ? <Alert type="error" title={errorText(list.error)} /> : null}
      <div className="grid-box">
        <AgGridReact<BackupEntry>
          {...baseGridOptions}
          rowData={list.data ?? []}
          columnDefs={columns}
          loading={list.isPending}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        />
      </div>
      <Modal
        open={rekeying}
        title="更换数据库密钥"
        okText="更换"
        cancelText="取消"
        confirmLoading={rekey.isPending}
        onCancel={() => setRekeying(false)}
        onOk={() => passwordForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph>
          生成新的随机密钥并重新加密整个数据库，每位用户的密码不变。旧备份仍用当时的密钥和密码打开。
        </Typography.Paragraph>
        <Form form={passwordForm} layout="vertical" onFinish={(v) => rekey.mutate(v)}>
          <Form.Item label="请输入您的密码确认" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
