import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, List, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { Batch } from '../../../../shared/contract/payouts';
import { call, errorText } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { useRefreshPayouts } from './queries';

type ReturnResult = Output<'payout.importReturn'>;

/** Reads the bank's return file: lines marked paid or failed (with the bank's reason), rows it could not match listed. */
export function ReturnModal({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshPayouts();
  const [file, setFile] = useState<File | null>(null);
  const [unlistedArePaid, setUnlistedArePaid] = useState(true);
  const [result, setResult] = useState<ReturnResult | null>(null);
  const importFile = useMutation({
    mutationFn: async (f: File) =>
      call('payout.importReturn', {
        batchId: batch.id,
        fileName: f.name,
        contentBase64: await fileToBase64(f),
        unlistedArePaid,
      }),
    onSuccess: (r) => {
      setResult(r);
      void message.success(`回盘已导入：成功 ${r.paid} 笔，失败 ${r.failed} 笔`);
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Modal
      open
      width={640}
      title={`导入银行回盘：${batch.batchNo}`}
      onCancel={onClose}
      footer={
        result
          ? [
              <Button key="close" type="primary" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button
                key="ok"
                type="primary"
                disabled={!file}
                loading={importFile.isPending}
                onClick={() => file && importFile.mutate(file)}
              >
                导入
              </Button>,
            ]
      }
      destroyOnHidden
    >
      {result ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={result.failed > 0 || result.pending > 0 || result.unmatched.length > 0 ? 'warning' : 'success'}
            showIcon
            title={`成功 ${result.paid} 笔，失败 ${result.failed} 笔，未能对应 ${result.unmatched.length} 行${result.pending > 0 ? `，尚未回盘 ${result.pending} 笔` : ''}`}
          />
          {result.pending > 0 ? (
            <Typography.Text>
              {result.pending} 笔明细银行尚未回盘，批次仍为“已导出”；收到银行对其余明细的回盘文件后再次导入。
            </Typography.Text>
          ) : null}
          {result.failed > 0 ? (
            <Typography.Text>
              失败的明细在批次明细的“银行结果/原因”列中；更正银行账号后重新生成下期批次时会自动重发。
            </Typography.Text>
          ) : null}
          {result.unmatched.length > 0 ? (
            <List
              size="small"
              bordered
              header="未能对应的行"
              dataSource={result.unmatched}
              renderItem={(u) => (
                // The service's message already names the row.
                <List.Item>{u.message}</List.Item>
              )}
            />
          ) : null}
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".xlsx,.xls,.csv,.txt"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择回盘文件</Button>
          </Upload>
          <Checkbox checked={unlistedArePaid} onChange={(e) => setUnlistedArePaid(e.target.checked)}>
            未列出的明细视为成功
          </Checkbox>
          <Typography.Text type="secondary">
            许多银行只返回失败的记录；如回盘文件列出了全部记录，可取消勾选，未列出的明细保持“待回盘”。
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
