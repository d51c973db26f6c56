import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { ApiError, call, errorText } from '../../api/client';

/**
 * Where the encrypted database will live. The desktop app lets the administrator
 * choose it before setup (a D: drive is common); the preview and the CLI are given
 * one with --data.
 */
export function DataFolder() {
  const client = useQueryClient();
  const location = useQuery({ queryKey: ['app.dataLocation'], queryFn: () => call('app.dataLocation', {}) });
  const choose = useMutation({
    mutationFn: () => call('app.chooseDataLocation', {}),
    onSuccess: (v) => client.setQueryData(['app.dataLocation'], v),
  });
  const cancelled = choose.error instanceof ApiError && choose.error.code === 'CANCELLED';
  return (
    <div data-testid="data-folder" style={{ marginBottom: 16 }}>
      <Typography.Text strong>数据目录</Typography.Text>
      <Space.Compact block style={{ marginTop: 4 }}>
        <Typography.Paragraph
          copyable={location.data ? { text: location.data.path, tooltips: ['复制路径', '已复制'] } : false}
          style={{ flex: 1, marginBottom: 0, wordBreak: 'break-all' }}
          type="secondary"
          aria-label="数据目录位置"
        >
          {location.data ? location.data.path : '正在查询…'}
          {location.data?.isDefault ? '（默认位置）' : ''}
        </Typography.Paragraph>
        {location.data?.canChoose ? (
          <Button loading={choose.isPending} onClick={() => choose.mutate()}>
            更改位置…
          </Button>
        ) : null}
      </Space.Compact>
      {location.data && !location.data.canChoose ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          浏览器预览和命令行的数据目录由启动参数 --data 指定。
        </Typography.Text>
      ) : null}
      {choose.isError && !cancelled ? (
        <Alert type="error" showIcon title={errorText(choose.error)} style={{ marginTop: 8 }} />
      ) : null}
    </div>
  );
}
