import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { call, errorText } from '../../api/client';
import { TemplateForm, type StoredTemplate } from './TemplateForm';
import { bankEncodingLabels, bankFormatLabels } from './templateLabels';

/** Who may change templates; everyone else who sees them (the clerk) reads them. */
const editors = ['head', 'admin'];

/**
 * 银行文件模板: the layouts the bank files are written in. A list, and the chosen
 * (or a new) template in an editor with a live preview of the file.
 */
export function TemplatesTab() {
  // The signed-in user, from the shell's cached app.info.
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}), staleTime: Infinity });
  const canEdit = (info.data?.session?.user.roles ?? []).some((r) => editors.includes(r));
  const templates = useQuery({ queryKey: ['bank.templates'], queryFn: () => call('bank.templates', {}) });
  // null: a new template (editors only); undefined: the first in the list.
  const [picked, setPicked] = useState<number | null | undefined>(undefined);
  const rows = templates.data ?? [];
  const current: StoredTemplate | null =
    picked === null ? null : (rows.find((t) => t.id === picked) ?? rows[0] ?? null);
  const creating = current === null && canEdit;
  return (
    <div
      style={{
        display: 'flex',
        gap: 16,
        alignItems: 'flex-start',
        padding: 16,
        overflow: 'auto',
        height: '100%',
        boxSizing: 'border-box',
      }}
    >
      <Card
        size="small"
        title="银行文件模板"
        style={{ width: 380, flex: 'none', position: 'sticky', top: 0 }}
        extra={
          canEdit ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setPicked(null)}>
              新建模板
            </Button>
          ) : null
        }
      >
        {templates.isError ? <Alert type="error" showIcon title={errorText(templates.error)} /> : null}
        <Table<StoredTemplate>
          size="small"
          rowKey="id"
          aria-label="模板列表"
          loading={templates.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '尚无模板' }}
          rowSelection={{
            type: 'radio',
            columnWidth: 32,
            selectedRowKeys: current ? [current.id] : [],
            onChange: (keys) => setPicked(Number(keys[0])),
          }}
          onRow={(t) => ({ onClick: () => setPicked(t.id), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'name', title: '名称', dataIndex: 'name', ellipsis: true },
            {
              key: 'format',
              title: '格式',
              width: 110,
              render: (_v, t) => bankFormatLabels[t.format].replace(/（.*）/, ''),
            },
            { key: 'encoding', title: '编码', width: 70, render: (_v, t) => bankEncodingLabels[t.encoding] },
          ]}
        />
        {canEdit ? null : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            模板由负责人或系统管理员维护；导出时在“导出银行文件”中选择。
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        size="small"
        style={{ flex: 1, minWidth: 560 }}
        title={creating ? '新建模板' : current ? `${canEdit ? '编辑' : '查看'}模板：${current.name}` : '模板'}
      >
        {current || creating ? (
          <TemplateForm
            key={current?.id ?? 'new'}
            template={current}
            readOnly={!canEdit}
            onSaved={(t) => setPicked(t.id)}
          />
        ) : (
          <Typography.Text type="secondary">{templates.isPending ? '正在读取…' : '尚无模板。'}</Typography.Text>
        )}
      </Card>
    </div>
  );
}
