import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Spin } from 'antd';
import { useState } from 'react';
import type { DocumentRef } from '../../../../shared/contract/documents';
import { call, errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';
import { CalibrationBar } from './CalibrationBar';

/**
 * A person's document as it prints (the worker renders the same HTML the PDF gets),
 * in a sandboxed srcdoc iframe; 另存为 PDF numbers, signs and records it; notices
 * and the approval form also go to Word.
 */
export function DocumentPreview({ docRef: base, onClose }: { docRef: DocumentRef; onClose: () => void }) {
  const { message } = App.useApp();
  const [placement, setPlacement] = useState<{ printer: string | undefined; preprinted: boolean }>({
    printer: undefined,
    preprinted: false,
  });
  const docRef: DocumentRef = {
    ...base,
    ...(placement.printer ? { printer: placement.printer } : {}),
    ...(placement.preprinted ? { preprinted: true } : {}),
  };
  const preview = useQuery({
    queryKey: ['document.preview', docRef],
    queryFn: () => call('document.preview', docRef),
    gcTime: 0,
  });
  const runJob = useJob();
  const pdf = useMutation({
    mutationFn: () => runJob('document.savePdf', docRef),
    onSuccess: (r) =>
      void message.success(`已另存为 ${r.fileName}${r.numbers.length ? `（编号 ${r.numbers.join('、')}）` : ''}`),
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const word = useMutation({
    mutationFn: () => call('document.saveDocx', docRef),
    onSuccess: (r) => void message.success(`已导出 ${r.fileName}`),
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const title = preview.data?.title ?? '文书';
  const docx = docRef.kind !== 'certificate' && docRef.kind !== 'review-sheet';
  return (
    <Modal
      open
      width={preview.data?.landscape ? 1240 : 900}
      title={`打印预览：${title}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        docx ? (
          <Button key="docx" icon={<FileWordOutlined />} loading={word.isPending} onClick={() => word.mutate()}>
            导出 Word
          </Button>
        ) : null,
        <Button
          key="pdf"
          type="primary"
          icon={<FilePdfOutlined />}
          disabled={!preview.data}
          loading={pdf.isPending}
          onClick={() => pdf.mutate()}
        >
          另存为 PDF
        </Button>,
      ]}
    >
      {docRef.kind === 'certificate' ? (
        <CalibrationBar printer={placement.printer} preprinted={placement.preprinted} onChange={setPlacement} />
      ) : null}
      {preview.isPending ? <Spin /> : null}
      {preview.isError ? <Alert type="error" showIcon title={errorText(preview.error)} /> : null}
      {preview.data ? (
        <iframe
          title={title}
          aria-label="文书预览内容"
          className="print-preview-frame"
          sandbox=""
          srcDoc={preview.data.html}
          style={{ width: '100%', height: '70vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : null}
    </Modal>
  );
}
