import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Batch } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { call, errorText } from '../../api/client';
import { useRefreshPayouts, wasCancelled } from './queries';
import { useJob } from '../../jobs/JobsProvider';

const formatLabels = { xlsx: 'Excel', csv: 'CSV', txt: '文本' } as const;

/** Writes the bank file of a locked batch with the template the bank wants; the main process asks where. */
export function ExportModal({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshPayouts();
  const templates = useQuery({ queryKey: ['bank.templates'], queryFn: () => call('bank.templates', {}) });
  const [picked, setPicked] = useState<number | null>(null);
  const templateId = picked ?? templates.data?.[0]?.id ?? null;
  const runJob = useJob();
  const exportFile = useMutation({
    mutationFn: (id: number) => runJob('payout.exportBank', { batchId: batch.id, templateId: id }),
    onSuccess: (r) => {
      void message.success(`已导出银行文件 ${r.fileName}：${r.lines} 笔，合计 ${formatFen(r.totalFen)} 元`);
      refresh();
      onClose();
    },
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  return (
    <Modal
      open
      title={`导出银行文件：${batch.batchNo}`}
      okText="导出"
      cancelText="取消"
      okButtonProps={{ disabled: templateId === null }}
      confirmLoading={exportFile.isPending}
      onCancel={onClose}
      onOk={() => templateId !== null && exportFile.mutate(templateId)}
      destroyOnHidden
    >
      {templates.isError ? <Alert type="error" showIcon title={errorText(templates.error)} /> : null}
      <Typography.Paragraph>
        本批次 {batch.lineCount} 笔，合计 {formatFen(batch.totalFen)} 元。
        {batch.status === 'locked' ? '首次导出后批次状态变为“已导出”。' : '本批次已导出过，再次导出会记入操作日志。'}
      </Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        aria-label="银行文件模板"
        loading={templates.isPending}
        value={templateId}
        onChange={(v: number) => setPicked(v)}
        options={(templates.data ?? []).map((t) => ({
          value: t.id,
          label: `${t.name}（${formatLabels[t.format]}，${t.encoding === 'gbk' ? 'GBK' : 'UTF-8'}）`,
        }))}
        notFoundContent="尚无银行文件模板，请负责人在系统中添加"
      />
    </Modal>
  );
}
