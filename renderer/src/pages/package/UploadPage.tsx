import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';
import { Fingerprint, PeriodPicker, usePeriod } from './common';

type Roster = 'none' | 'masked' | 'full';

function RecipientModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ recipient: string }>();
  const save = useMutation({
    mutationFn: (v: { recipient: string }) => call('keys.setRecipient', v),
    onSuccess: (r) => {
      void message.success(`已设置市级接收方公钥，指纹 ${r.fingerprint}`);
      void queryClient.invalidateQueries({ queryKey: ['keys.show'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => form.setFields([{ name: 'recipient', errors: [errorText(e)] }]),
  });
  return (
    <Modal
      open={open}
      title="设置市级接收方公钥"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        粘贴市民政局提供的 age1… 公钥（或公钥文件的全部内容）。保存后请与市里电话核对指纹。更改会记入操作日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="recipient" label="接收方公钥" rules={[{ required: true, message: '请填写接收方公钥' }]}>
          <Input.TextArea rows={3} aria-label="接收方公钥" placeholder="age1…" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Result({ r }: { r: Output<'package.export'> }) {
  return (
    <Card size="small" title="上报数据包已写入并读回校验" style={{ marginTop: 16 }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'file', label: '文件', children: <Typography.Text code>{r.path}</Typography.Text> },
          { key: 'seq', label: '序号', children: `第 ${String(r.sequence)} 号` },
          { key: 'bytes', label: '大小', children: `${(r.bytes / 1024).toFixed(1)} KB` },
          {
            key: 'sha',
            label: 'SHA-256',
            children: <Typography.Text code>{r.sha256}</Typography.Text>,
          },
          { key: 'fp', label: '接收方指纹', children: r.recipientFingerprint },
          {
            key: 'parts',
            label: '内容',
            children: r.parts.map((p) => `${p.name}（${String(p.rows)} 行）`).join('，'),
          },
          ...(r.plainFiles.length ? [{ key: 'plain', label: '同时保存', children: r.plainFiles.join('，') }] : []),
        ]}
      />
    </Card>
  );
}

/** 上报 (county): the period's sealed package for the city, written to a stick. */
export function UploadPage({ isHead }: { isHead: boolean }) {
  const { message } = App.useApp();
  const runJob = useJob();
  const [period, range, setRange] = usePeriod();
  const [roster, setRoster] = useState<Roster>('masked');
  const [plain, setPlain] = useState(true);
  const [editing, setEditing] = useState(false);
  const [last, setLast] = useState<Output<'package.export'> | null>(null);
  const keys = useQuery({ queryKey: ['keys.show'], queryFn: () => call('keys.show', {}) });
  const make = useMutation({
    mutationFn: () => runJob('package.export', { period, roster, plain }),
    onSuccess: (r) => {
      setLast(r);
      void message.success(`已生成 ${r.fileName}`);
    },
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const k = keys.data;
  return (
    <div className="page" style={{ maxWidth: 960 }}>
      <Typography.Title level={4}>上报市民政局</Typography.Title>
      {keys.isError ? <Alert type="error" showIcon title={errorText(keys.error)} /> : null}
      <Card size="small" title="密钥" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'recipient',
              label: '市级接收方公钥指纹',
              children: (
                <Space wrap>
                  <Fingerprint value={k?.cityRecipientFingerprint ?? null} label="接收方指纹" />
                  {isHead ? (
                    <Button size="small" onClick={() => setEditing(true)}>
                      {k?.cityRecipient ? '更换' : '设置'}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'signing',
              label: '本县签名公钥指纹',
              children: <Fingerprint value={k?.signingFingerprint ?? null} label="签名指纹" />,
            },
          ]}
        />
        <Typography.Text type="secondary">首次上报前，请与市民政局电话逐组核对这两个指纹。</Typography.Text>
      </Card>
      {k && !k.cityRecipient ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="尚未设置市级接收方公钥：请先填写市民政局提供的 age1… 公钥"
        />
      ) : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PeriodPicker range={range} onChange={setRange} />
        <Space wrap>
          <Typography.Text>人员名册</Typography.Text>
          <Radio.Group
            aria-label="人员名册"
            value={roster}
            onChange={(e) => setRoster(e.target.value as Roster)}
            options={[
              { value: 'masked', label: '附名册（身份证号脱敏）' },
              { value: 'full', label: '附名册（完整身份证号）' },
              { value: 'none', label: '不附名册' },
            ]}
          />
        </Space>
        <Checkbox checked={plain} onChange={(e) => setPlain(e.target.checked)}>
          同时在数据包旁保存 Excel 报表和上报表 PDF（供负责人签字）
        </Checkbox>
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!isHead || !k?.cityRecipient}
          loading={make.isPending}
          onClick={() => make.mutate()}
        >
          生成上报包
        </Button>
        {!isHead ? <Typography.Text type="secondary">只有局长（负责人）可以生成上报包。</Typography.Text> : null}
      </Space>
      {last ? <Result r={last} /> : null}
      <RecipientModal open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}
