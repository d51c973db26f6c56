import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { verdictLabels, type VerifyResult } from '../../../../shared/contract/documents';
import { formatFen } from '../../../../shared/domain/money';
import { call, errorText } from '../../api/client';

/** Any image the browser can show becomes a PNG for the worker's QR reader. */
async function asPngBase64(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('无法读取该图片'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d')?.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}

const status = { genuine: 'success', altered: 'error', 'unknown-county': 'warning', invalid: 'error' } as const;

/**
 * 证件核验: the QR of a certificate or notice (a photo or scan) or its typed code,
 * checked offline against the county signing keys this copy knows.
 */
export function VerifyPage() {
  const [code, setCode] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const verify = useMutation({
    mutationFn: async (input: { code: string } | { file: File }) =>
      'file' in input
        ? call('document.verify', { imageBase64: await asPngBase64(input.file) })
        : call('document.verify', { code: input.code }),
  });
  const r: VerifyResult | undefined = verify.data;
  return (
    <div className="page">
      <Typography.Title level={4}>证件核验</Typography.Title>
      <Card size="small" style={{ maxWidth: 860 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <input
              ref={fileRef}
              type="file"
              accept="image/*"
              aria-label="二维码图片"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) verify.mutate({ file: f });
                e.target.value = '';
              }}
            />
            <Button icon={<UploadOutlined />} onClick={() => fileRef.current?.click()}>
              选择二维码图片
            </Button>
            <Typography.Text type="secondary">或输入证件上二维码下方的核验码：</Typography.Text>
          </Space>
          <Input.TextArea
            aria-label="核验码"
            rows={3}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="WD1|……"
          />
          <Button
            type="primary"
            disabled={!code.trim()}
            loading={verify.isPending}
            onClick={() => verify.mutate({ code })}
          >
            核验
          </Button>
        </Space>
      </Card>
      {verify.isError ? <Alert type="error" showIcon title={errorText(verify.error)} /> : null}
      {r ? (
        <Card size="small" style={{ maxWidth: 860, marginTop: 12 }} aria-label="核验结果">
          <Result status={status[r.verdict]} title={verdictLabels[r.verdict]} subTitle={r.message} />
          {r.fields ? (
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="编号">{r.fields.number}</Descriptions.Item>
              <Descriptions.Item label="签发机关代码">{r.fields.countyCode}</Descriptions.Item>
              <Descriptions.Item label="姓名">{r.fields.name}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{r.fields.idNumber}</Descriptions.Item>
              <Descriptions.Item label="月发放额">{formatFen(r.fields.amountFen)} 元</Descriptions.Item>
              <Descriptions.Item label="享受起始">{r.fields.validFrom || '—'}</Descriptions.Item>
              {r.signer ? <Descriptions.Item label="签名公钥指纹">{r.signer}</Descriptions.Item> : null}
            </Descriptions>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
