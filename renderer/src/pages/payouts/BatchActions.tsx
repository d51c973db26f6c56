import { DownOutlined, ExportOutlined, ImportOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../../shared/contract';
import type { Batch, PayoutLine, PrintDocument } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { programLabels } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';
import { period } from './columns';
import { ExportModal } from './ExportModal';
import { PrintPreview, printDocumentLabels } from './PrintPreview';
import { useRefreshPayouts } from './queries';
import { ReturnModal } from './ReturnModal';

function VoidModal({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshPayouts();
  const [form] = Form.useForm<{ reason: string }>();
  const voidBatch = useMutation({
    mutationFn: (reason: string) => call('payout.void', { batchId: batch.id, reason }),
    onSuccess: (b) => {
      void message.success(`批次 ${b.batchNo} 已作废，其月份可重新生成发放`);
      refresh();
      onClose();
    },
    onError: (e) => form.setFields([{ name: 'reason', errors: [errorText(e)] }]),
  });
  return (
    <Modal
      open
      title={`作废批次 ${batch.batchNo}`}
      okText="作废"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={voidBatch.isPending}
      destroyOnHidden
    >
      <p>
        作废后本批次 {batch.lineCount} 笔、合计 {formatFen(batch.totalFen)}{' '}
        元不再发放，所含月份可重新生成批次。已导出的批次须先导入银行回盘；银行已发放的批次不能作废，多发的款项请办理追缴。
      </p>
      <Form form={form} layout="vertical" onFinish={(v) => voidBatch.mutate(v.reason.trim())}>
        <Form.Item
          label="作废原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写作废原因' },
            { min: 2, max: 200, message: '原因应为 2–200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus placeholder="例如：补贴标准录入有误" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The actions this batch's state and the user's roles allow; the dispatcher checks the same again. */
export function BatchActions({
  batch,
  lines,
  roles,
  username,
}: {
  batch: Batch;
  lines: PayoutLine[];
  roles: readonly Role[];
  username: string;
}) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshPayouts();
  const [dialog, setDialog] = useState<'void' | 'export' | 'return' | null>(null);
  const [preview, setPreview] = useState<PrintDocument | null>(null);
  const s = batch.status;
  const step = useMutation({
    mutationFn: (action: 'review' | 'lock') =>
      action === 'review' ? call('payout.review', { batchId: batch.id }) : call('payout.lock', { batchId: batch.id }),
    onSuccess: (b, action) => {
      void message.success(
        action === 'review' ? `批次 ${b.batchNo} 已复核` : `批次 ${b.batchNo} 已锁定，可以导出银行文件`,
      );
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const missingAccounts = lines.filter((l) => !l.bankAccount).length;
  // After the return, a batch the bank paid none of may still be voided; one it paid any line of may not.
  const unpaidReturn = s === 'returned' && batch.paidLines === 0 && batch.failedLines === batch.lineCount;
  const ownBatch = batch.generatedBy === username;

  const review = () =>
    modal.confirm({
      title: `复核批次 ${batch.batchNo}`,
      content: `已核对${programLabels[batch.program]} ${period(batch)} 的 ${batch.lineCount} 笔明细（合计 ${formatFen(batch.totalFen)} 元）及与上期的变化，确认复核通过？`,
      okText: '复核通过',
      cancelText: '取消',
      onOk: () => step.mutateAsync('review'),
    });
  const lock = () =>
    modal.confirm({
      title: `锁定批次 ${batch.batchNo}`,
      content: (
        <div aria-label="锁定确认">
          <p>
            {programLabels[batch.program]} {period(batch)}，共 {batch.lineCount} 笔，合计{' '}
            <strong>{formatFen(batch.totalFen)} 元</strong>。
          </p>
          {missingAccounts > 0 ? <p style={{ color: '#cf1322' }}>其中 {missingAccounts} 笔缺少银行账号。</p> : null}
          <p>锁定后明细不能再修改，只能由负责人作废。</p>
        </div>
      ),
      okText: '确认锁定',
      cancelText: '取消',
      onOk: () => step.mutateAsync('lock'),
    });

  return (
    <Space wrap aria-label="批次操作">
      {roles.includes('reviewer') && s === 'draft' ? (
        <Tooltip title={ownBatch ? '不能复核自己生成的批次，须由另一名工作人员复核' : ''}>
          <Button
            type="primary"
            disabled={ownBatch}
            onClick={review}
            loading={step.isPending && step.variables === 'review'}
          >
            复核
          </Button>
        </Tooltip>
      ) : null}
      {roles.includes('head') && s === 'reviewed' ? (
        <Button type="primary" onClick={lock} loading={step.isPending && step.variables === 'lock'}>
          锁定
        </Button>
      ) : null}
      {(roles.includes('clerk') || roles.includes('head')) &&
      (s === 'locked' || s === 'exported' || s === 'returned') ? (
        <Button
          type={s === 'locked' ? 'primary' : 'default'}
          icon={<ExportOutlined />}
          onClick={() => setDialog('export')}
        >
          导出银行文件
        </Button>
      ) : null}
      {roles.includes('clerk') && (s === 'exported' || s === 'returned') ? (
        <Button icon={<ImportOutlined />} onClick={() => setDialog('return')}>
          导入回盘
        </Button>
      ) : null}
      <Dropdown
        menu={{
          items: (Object.keys(printDocumentLabels) as PrintDocument[]).map((d) => ({
            key: d,
            label: printDocumentLabels[d],
          })),
          onClick: (e) => setPreview(e.key as PrintDocument),
        }}
      >
        <Button icon={<PrinterOutlined />}>
          打印预览 <DownOutlined />
        </Button>
      </Dropdown>
      {roles.includes('head') && (s === 'draft' || s === 'reviewed' || s === 'locked' || unpaidReturn) ? (
        <Button danger onClick={() => setDialog('void')}>
          作废
        </Button>
      ) : null}
      {roles.includes('head') && s === 'exported' ? (
        <Tooltip title="已导出银行文件，银行可能已经发放：须先导入银行回盘，银行未发放任何一笔时方可作废">
          <Button danger disabled>
            作废
          </Button>
        </Tooltip>
      ) : null}
      {dialog === 'void' ? <VoidModal batch={batch} onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportModal batch={batch} onClose={() => setDialog(null)} /> : null}
      {dialog === 'return' ? <ReturnModal batch={batch} onClose={() => setDialog(null)} /> : null}
      {preview ? <PrintPreview batch={batch} document={preview} onClose={() => setPreview(null)} /> : null}
    </Space>
  );
}
