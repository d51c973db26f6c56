import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError, call, errorText } from '../api/client';

interface SetupForm {
  countyCode: string;
  countyName: string;
  passphrase: string;
  confirm: string;
}

/** First start: the county and the passphrase that will wrap the database key. */
export function SetupPage() {
  const [form] = Form.useForm<SetupForm>();
  const queryClient = useQueryClient();
  const init = useMutation({
    mutationFn: (v: SetupForm) => call('app.init', { countyCode: v.countyCode, countyName: v.countyName, passphrase: v.passphrase }),
    onSuccess: (info) => queryClient.setQueryData(['app.info'], info),
  });

  return (
    <div className="centered">
      <Card style={{ width: 480 }}>
        <Typography.Title level={3}>初始设置</Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用：填写本县区信息并设置口令。数据库将用随机密钥加密，密钥只以口令保护的形式保存。请牢记口令，遗失后无法打开数据。
        </Typography.Paragraph>
        {init.isError && !(init.error instanceof ApiError && init.error.code === 'INVALID_INPUT') ? (
          <Alert type="error" showIcon title={errorText(init.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {init.isError && init.error instanceof ApiError && init.error.code === 'INVALID_INPUT' ? (
          <Alert type="error" showIcon title={init.error.message} style={{ marginBottom: 16 }} />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => init.mutate(v)}>
          <Form.Item
            label="县区代码"
            name="countyCode"
            rules={[
              { required: true, message: '请填写县区代码' },
              { pattern: /^\d{6}$/, message: '县区代码应为 6 位数字的县级行政区划代码' },
            ]}
          >
            <Input placeholder="例如 420102" maxLength={6} />
          </Form.Item>
          <Form.Item label="县区名称" name="countyName" rules={[{ required: true, message: '请填写县区名称' }, { min: 2, message: '县区名称至少 2 个字' }]}>
            <Input placeholder="例如 江岸区" maxLength={40} />
          </Form.Item>
          <Form.Item label="口令" name="passphrase" rules={[{ required: true, message: '请设置口令' }, { min: 8, message: '口令至少需要 8 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认口令"
            name="confirm"
            dependencies={['passphrase']}
            rules={[
              { required: true, message: '请再次输入口令' },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  !value || getFieldValue('passphrase') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={init.isPending}>
            创建加密数据库
          </Button>
        </Form>
      </Card>
    </div>
  );
}
