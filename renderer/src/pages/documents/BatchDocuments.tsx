import { PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { documentKindLabels, type DocumentKind } from '../../../../shared/contract/documents';
import { programLabels, type Program } from '../../../../shared/domain/programs';
import { errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';

const batchKinds: DocumentKind[] = [
  'approval-form',
  'decision-notice',
  'stop-notice',
  'change-notice',
  'certificate',
  'review-sheet',
];

/**
 * 批量打印: one kind of document for everyone in the grid's current filter, in one
 * PDF ordered by township and village, as a job with progress and 取消.
 */
export function BatchDocuments(props: {
  programs: readonly Program[];
  selection: () => Map<Program, number[]>;
  /** The grid's township filter: the 年度复核表 is one sheet per township. */
  township: string | null;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<DocumentKind>('decision-notice');
  const [program, setProgram] = useState<Program>(props.programs[0] ?? 'elderly');
  const runJob = useJob();
  const run = useMutation({
    mutationFn: async () => {
      if (kind === 'review-sheet') {
        if (!props.township) throw new Error('年度复核表按乡镇打印：请先在上方选择乡镇（街道）');
        const r = await runJob('document.savePdf', { kind, program, township: props.township });
        return { ...r, documents: 1 };
      }
      const personIds = props.selection().get(program) ?? [];
      if (personIds.length === 0) throw new Error('当前筛选中没有该项目的人员');
      return runJob('document.batchPdf', { kind, program, personIds });
    },
    onSuccess: (r) => {
      setOpen(false);
      void message.success(`已另存为 ${r.fileName}：${r.documents} 份，${r.pages} 页`);
    },
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)}>
        批量打印文书
      </Button>
      {open ? (
        <Modal
          open
          title="批量打印文书（当前筛选）"
          okText="生成 PDF"
          onOk={() => run.mutate()}
          confirmLoading={run.isPending}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          <Form layout="vertical">
            <Form.Item label="文书种类">
              <Select
                aria-label="文书种类"
                value={kind}
                onChange={setKind}
                options={batchKinds.map((k) => ({ value: k, label: documentKindLabels[k] }))}
              />
            </Form.Item>
            <Form.Item label="补贴项目">
              <Select
                aria-label="补贴项目"
                value={program}
                onChange={setProgram}
                options={props.programs.map((p) => ({ value: p, label: programLabels[p] }))}
              />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
