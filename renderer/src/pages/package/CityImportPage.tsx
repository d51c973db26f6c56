import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Descriptions, Input, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { ApiError, call, errorText } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';
import { Fingerprint } from './common';

interface Unknown {
  countyCode: string;
  countyName: string;
  fingerprint: string;
}

const unknownCounty = (e: unknown): Unknown | null =>
  e instanceof ApiError && e.code === 'PACKAGE_UNKNOWN_COUNTY' ? (e.body.details as Unknown) : null;

/** 上报数据包导入 (city): decrypt, verify, and on a county's first package confirm its key by phone. */
export function CityImportPage() {
  const runJob = useJob();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Output<'package.import'> | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ file: File; county: Unknown } | null>(null);
  const [typed, setTyped] = useState('');
  const keys = useQuery({ queryKey: ['keys.show'], queryFn: () => call('keys.show', {}) });
  const run = useMutation({
    mutationFn: async ({ file, trust }: { file: File; trust?: string }) =>
      runJob('package.import', {
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        ...(trust ? { trustFingerprint: trust } : {}),
      }),
    onMutate: () => {
      setResult(null);
      setRefusal(null);
    },
    onSuccess: (r) => {
      setResult(r);
      void message.success(`已导入 ${r.countyName} 的上报数据`);
      void queryClient.invalidateQueries({ queryKey: ['package.status'] });
      void queryClient.invalidateQueries({ queryKey: ['city.counties'] });
    },
    onError: (e, v) => {
      if (wasCancelled(e)) return;
      const county = unknownCounty(e);
      if (county && !v.trust) {
        setTyped('');
        setConfirm({ file: v.file, county });
        return;
      }
      setRefusal(errorText(e));
    },
  });
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return (
    <div className="page" style={{ maxWidth: 960 }}>
      <Typography.Title level={4}>上报数据导入</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }} title="本市接收方公钥（交给各县区）">
        <Typography.Paragraph copyable={keys.data?.recipient ? { text: keys.data.recipient } : false} code>
          {keys.data?.recipient ?? '—'}
        </Typography.Paragraph>
        <Typography.Text>指纹：</Typography.Text>
        <Fingerprint value={keys.data?.recipientFingerprint ?? null} label="本市接收方指纹" />
      </Card>
      <Upload.Dragger
        accept=".wdpkg"
        multiple={false}
        showUploadList={false}
        disabled={run.isPending}
        beforeUpload={(file) => (run.mutate({ file }), false)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入县（区）的上报数据包（.wdpkg）</p>
        <p className="ant-upload-hint">解密、验证签名和每一部分的校验值后才写入；被拒绝的数据包不改动数据库。</p>
      </Upload.Dragger>
      {refusal ? (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title="未导入" description={refusal} role="alert" />
      ) : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={`已导入：${result.countyName}（${result.countyCode}）`}
          description={
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'p', label: '期间', children: `${result.periodFrom} 至 ${result.periodTo}` },
                { key: 's', label: '序号', children: `第 ${String(result.sequence)} 号` },
                ...(result.supersededSequence !== null
                  ? [{ key: 'o', label: '取代', children: `第 ${String(result.supersededSequence)} 号（旧包保留）` }]
                  : []),
                ...(result.newCounty
                  ? [{ key: 'n', label: '新登记', children: `签名公钥指纹 ${result.keyFingerprint}` }]
                  : []),
              ]}
            />
          }
        />
      ) : null}
      <Modal
        open={confirm !== null}
        title="首次收到该县（区）的数据包：核对签名公钥指纹"
        okText="指纹一致，登记并导入"
        cancelText="不导入"
        okButtonProps={{ disabled: !confirm || norm(typed) !== norm(confirm.county.fingerprint) }}
        onCancel={() => setConfirm(null)}
        onOk={() => {
          if (!confirm) return;
          run.mutate({ file: confirm.file, trust: confirm.county.fingerprint });
          setConfirm(null);
        }}
        destroyOnHidden
      >
        {confirm ? (
          <>
            <Typography.Paragraph>
              数据包自称来自 <b>{confirm.county.countyName}</b>（{confirm.county.countyCode}），签名公钥指纹为：
            </Typography.Paragraph>
            <Typography.Paragraph>
              <Fingerprint value={confirm.county.fingerprint} label="待核对指纹" />
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              请打电话给该县民政局，请对方读出“本县签名公钥指纹”，逐组核对后在下面输入对方读出的指纹。
            </Typography.Paragraph>
            <Input
              aria-label="对方读出的指纹"
              placeholder="例如 1A2B 3C4D …"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </>
        ) : null}
      </Modal>
    </div>
  );
}
