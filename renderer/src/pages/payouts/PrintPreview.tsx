import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Select, Spin } from 'antd';
import { useState } from 'react';
import type { Batch, PrintDocument } from '../../../../shared/contract/payouts';
import { call, errorText } from '../../api/client';
import { wasCancelled } from './queries';
import { useJob } from '../../jobs/JobsProvider';

export const printDocumentLabels: Record<PrintDocument, string> = {
  roster: '发放花名册',
  slips: '发放通知单',
  summary: '汇总表',
};

/**
 * The document exactly as it prints: the main process renders the HTML (the same
 * HTML the PDF and the printer get) and it is shown in a sandboxed srcdoc iframe:
 * no scripts, an opaque origin, and the document's own page styles kept apart
 * from the app's.
 */
export function PrintPreview({
  batch,
  document,
  onClose,
}: {
  batch: Batch;
  document: PrintDocument;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const preview = useQuery({
    queryKey: ['print.preview', batch.id, batch.status, document],
    queryFn: () => call('print.preview', { batchId: batch.id, document }),
    gcTime: 0,
  });
  const printers = useQuery({ queryKey: ['print.printers'], queryFn: () => call('print.printers', {}) });
  const [printer, setPrinter] = useState<string | undefined>(undefined);
  const chosen = printer ?? printers.data?.find((p) => p.isDefault)?.name;
  const runJob = useJob();
  const pdf = useMutation({
    mutationFn: () => runJob('print.savePdf', { batchId: batch.id, document }),
    onSuccess: (r) => void message.success(`已另存为 ${r.fileName}（共 ${r.pages} 页）`),
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const paper = useMutation({
    mutationFn: () => call('print.toPrinter', { batchId: batch.id, document, ...(chosen ? { printer: chosen } : {}) }),
    onSuccess: (r) =>
      void (r.printed
        ? message.success(r.printer ? `已发送到打印机 ${r.printer}` : '已发送到打印机')
        : message.info('已取消打印')),
    onError: (e) => void message.error(errorText(e)),
  });
  const title = preview.data?.title ?? `${printDocumentLabels[document]}（${batch.batchNo}）`;
  return (
    <Modal
      open
      width={preview.data?.landscape === false ? 900 : 1240}
      title={`打印预览：${title}`}
      onCancel={onClose}
      footer={[
        (printers.data?.length ?? 0) > 0 ? (
          <Select
            key="printer"
            style={{ width: 240, marginRight: 8, textAlign: 'left' }}
            aria-label="打印机"
            value={chosen}
            onChange={(v: string) => setPrinter(v)}
            options={(printers.data ?? []).map((p) => ({
              value: p.name,
              label: p.isDefault ? `${p.name}（默认）` : p.name,
            }))}
          />
        ) : null,
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button
          key="pdf"
          icon={<FilePdfOutlined />}
          disabled={!preview.data}
          loading={pdf.isPending}
          onClick={() => pdf.mutate()}
        >
          另存为 PDF
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!preview.data}
          loading={paper.isPending}
          onClick={() => paper.mutate()}
        >
          打印
        </Button>,
      ]}
      destroyOnHidden
    >
      {preview.isPending ? <Spin /> : null}
      {preview.isError ? <Alert type="error" showIcon title={errorText(preview.error)} /> : null}
      {preview.data ? (
        <iframe
          title={title}
          aria-label="打印预览内容"
          className="print-preview-frame"
          sandbox=""
          srcDoc={preview.data.html}
          style={{ width: '100%', height: '70vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : null}
    </Modal>
  );
}
