import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, List, Tag } from 'antd';
import { useState } from 'react';
import type { DocumentRef } from '../../../../shared/contract/documents';
import { call, errorText } from '../../api/client';
import { DocumentPreview } from './DocumentPreview';

/** The person drawer's 文书打印 tab: every document of this person's enrolments, with its number once issued. */
export function PersonDocuments({ personId }: { personId: number }) {
  const docs = useQuery({ queryKey: ['document.list', personId], queryFn: () => call('document.list', { personId }) });
  const [open, setOpen] = useState<DocumentRef | null>(null);
  return (
    <>
      {docs.isError ? <Alert type="error" showIcon title={errorText(docs.error)} /> : null}
      <List
        size="small"
        aria-label="可打印的文书"
        loading={docs.isPending}
        dataSource={docs.data ?? []}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button
                key="print"
                size="small"
                icon={<PrinterOutlined />}
                onClick={() =>
                  setOpen({
                    kind: d.kind,
                    personId,
                    program: d.program,
                    ...(d.eventId ? { eventId: d.eventId } : {}),
                  })
                }
              >
                {d.number ? '补打' : '打印'}
              </Button>,
            ]}
          >
            {d.label}
            {d.number ? <Tag style={{ marginLeft: 8 }}>{d.number}</Tag> : null}
            {d.reprints > 0 ? <Tag color="orange">已补打 {d.reprints} 次</Tag> : null}
          </List.Item>
        )}
      />
      {open ? (
        <DocumentPreview
          docRef={open}
          onClose={() => {
            setOpen(null);
            void docs.refetch();
          }}
        />
      ) : null}
    </>
  );
}
