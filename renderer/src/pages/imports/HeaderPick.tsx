import { Alert, Button, Table, Typography } from 'antd';
import type { ImportReport } from '../../../../shared/contract';
import type { SampleRow } from '../../../../shared/domain/import/header';
import { ApiError } from '../../api/client';

/** What the mapping step shows: from a report, or from a refusal that found the header but not every column. */
export interface HeaderLayout {
  sheetName: string;
  headerRows: number[];
  columns: ImportReport['columns'];
}

/**
 * What a HEADER_NOT_FOUND refusal says besides its message: the first rows of the
 * sheet (no header recognised), or the header's columns (a required one unmapped).
 */
export function headerProblem(e: unknown): { sample?: SampleRow[]; layout?: HeaderLayout } | null {
  if (!(e instanceof ApiError) || e.code !== 'HEADER_NOT_FOUND') return null;
  const d = e.body.details as Partial<HeaderLayout & { sample: SampleRow[] }> | undefined;
  if (Array.isArray(d?.sample)) return { sample: d.sample };
  if (Array.isArray(d?.columns))
    return { layout: { sheetName: d.sheetName ?? '', headerRows: d.headerRows ?? [], columns: d.columns } };
  return null;
}

/**
 * No header recognised: the first rows of the sheet, each with 这一行是表头. The
 * picked row is then read as the header whatever its words, and the clerk maps
 * its columns in the next step.
 */
export function HeaderPick(props: {
  sample: readonly SampleRow[];
  message: string;
  loading: boolean;
  onPick: (row: number) => void;
}) {
  const width = Math.max(1, ...props.sample.map((s) => s.cells.length));
  return (
    <div aria-label="指定表头行">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={props.message}
        description="请在下面找到写着各列名称的那一行，点“这一行是表头”；之后在“核对列对应”中为每一列指定内容。"
      />
      <Table<SampleRow>
        size="small"
        rowKey="row"
        pagination={false}
        scroll={{ x: true }}
        dataSource={[...props.sample]}
        columns={[
          { title: '行号', dataIndex: 'row', width: 80, render: (r: number) => `第 ${r} 行` },
          ...Array.from({ length: width }, (_, i) => ({
            title: `第 ${i + 1} 列`,
            key: `c${i}`,
            render: (_: unknown, s: SampleRow) => (
              <Typography.Text ellipsis style={{ maxWidth: 160 }}>
                {s.cells[i] ?? ''}
              </Typography.Text>
            ),
          })),
          {
            title: '',
            key: 'pick',
            fixed: 'right' as const,
            render: (_: unknown, s: SampleRow) => (
              <Button size="small" loading={props.loading} onClick={() => props.onPick(s.row)}>
                这一行是表头
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
