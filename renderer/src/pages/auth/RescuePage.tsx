import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { backupKindLabels, type BackupEntry, type ErrorCode, type RestoreResult } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';

/** Sign-in failures a restore is the cure for: the page offers the way there. */
export const RESCUE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'DB_CORRUPT',
  'DB_MISSING',
  'DB_WRONG_KEY',
  'KEYFILE_MISSING',
  'KEYFILE_INVALID',
  'AUDIT_BEHIND',
]);

interface ProofForm {
  username?: string;
  password?: string;
  recoveryCode?: string;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

/**
 * Restore when nobody can sign in: pick a backup kept in the data folder (or another
 * folder), prove it with an administrator's password valid in that backup or with
 * the recovery code, and sign in again afterwards.
 */
export function RescuePage({ reason, onBack }: { reason: string | null; onBack: () => void }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [way, setWay] = useState<'password' | 'code'>('code');
  const [form] = Form.useForm<ProofForm>();
  const list = useQuery({ queryKey: ['backup.rescueList'], queryFn: () => call('backup.rescueList', {}) });
  const rescue = useMutation({
    mutationFn: (input: { target: { id: string } | { choose: true }; proof: ProofForm }) =>
      call('backup.rescue', {
        ...input.target,
        ...(way === 'code'
          ? { recoveryCode: input.proof.recoveryCode ?? '' }
          : { username: input.proof.username ?? '', password: input.proof.password ?? '' }),
      }),
  });
  const [done, setDone] = useState<RestoreResult | null>(null);

  const start = (target: { id: string } | { choose: true }) =>
    void form.validateFields().then((proof) => {
      modal.confirm({
        title: '从备份恢复？',
        content: '当前的数据库文件会先另存为安全副本，然后被备份替换。恢复后请用备份时有效的密码登录。',
        okText: '恢复',
        cancelText: '取消',
        onOk: () => rescue.mutateAsync({ target, proof }).then(setDone),
      });
    });

  if (done) {
    return (
      <div className="centered">
        <Result
          status="success"
          title="恢复完成"
          subTitle={`已从备份 ${done.restoredFrom}（${when(done.createdAt)}）恢复。${done.safetyId ? `原数据库文件已另存为 ${done.safetyId}。` : ''}请用备份时有效的密码登录。`}
          extra={
            <Button
              type="primary"
              onClick={() => {
                void queryClient.invalidateQueries({ queryKey: ['app.info'] });
                onBack();
              }}
            >
              返回登录
            </Button>
          }
        />
      </div>
    );
  }
  return (
    <div className="centered">
      <Card style={{ width: 720 }}>
        <Typography.Title level={4}>从备份恢复</Typography.Title>
        {reason ? <Alert type="warning" showIcon title={reason} style={{ marginBottom: 12 }} /> : null}
        {list.isError ? <Alert type="error" title={errorText(list.error)} /> : null}
        <Table<BackupEntry>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 6 }}
          locale={{ emptyText: '数据目录中没有备份：请从其他位置（如 U 盘）选择' }}
          rowSelection={{ type: 'radio', onChange: (keys) => setSelected(String(keys[0] ?? '')) }}
          onRow={(r) => ({ onClick: () => setSelected(r.id) })}
          columns={[
            { title: '备份时间', dataIndex: 'createdAt', render: (v: string | null) => when(v) },
            {
              title: '方式',
              dataIndex: 'kind',
              render: (k: BackupEntry['kind']) => (k ? backupKindLabels[k] : '无法读取'),
            },
            { title: '数据行数', dataIndex: 'rows' },
            { title: '编号', dataIndex: 'id' },
          ]}
        />
        <Tabs
          activeKey={way}
          onChange={(k) => setWay(k === 'password' ? 'password' : 'code')}
          items={[
            { key: 'code', label: '用恢复码' },
            { key: 'password', label: '用管理员密码' },
          ]}
        />
        <Form form={form} layout="vertical">
          {way === 'code' ? (
            <Form.Item label="恢复码" name="recoveryCode" rules={[{ required: true, message: '请输入恢复码' }]}>
              <Input placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" />
            </Form.Item>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                请输入该备份中管理员的用户名和备份时有效的密码。
              </Typography.Paragraph>
              <Form.Item label="管理员用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
                <Input autoComplete="username" />
              </Form.Item>
              <Form.Item label="备份时的密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
            </>
          )}
        </Form>
        {rescue.isError ? (
          <Alert type="error" showIcon title={errorText(rescue.error)} style={{ marginBottom: 12 }} />
        ) : null}
        <Button
          type="primary"
          disabled={!selected}
          loading={rescue.isPending}
          onClick={() => selected && start({ id: selected })}
        >
          从选中的备份恢复
        </Button>{' '}
        <Button loading={rescue.isPending} onClick={() => start({ choose: true })}>
          从其他位置选择备份…
        </Button>{' '}
        <Button type="link" onClick={onBack}>
          返回登录
        </Button>
      </Card>
    </div>
  );
}
