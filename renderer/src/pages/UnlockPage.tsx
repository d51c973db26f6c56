import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Typography } from 'antd';
import { call, errorText } from '../api/client';

interface UnlockForm {
  passphrase: string;
}

export function UnlockPage() {
  const [form] = Form.useForm<UnlockForm>();
  const queryClient = useQueryClient();
  const unlock = useMutation({
    mutationFn: (v: UnlockForm) => call('session.unlock', { passphrase: v.passphrase }),
    onSuccess: (info) => {
      queryClient.setQueryData(['app.info'], info);
    },
    onError: (e) => form.setFields([{ name: 'passphrase', errors: [errorText(e)], value: '' }]),
  });

  return (
    <div className="centered">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          民政补贴台账
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          数据库已加密，请输入口令解锁
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => unlock.mutate(v)} requiredMark={false}>
          <Form.Item label="口令" name="passphrase" rules={[{ required: true, message: '请输入口令' }]}>
            <Input.Password prefix={<LockOutlined />} autoFocus autoComplete="current-password" aria-label="口令" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
            解锁
          </Button>
        </Form>
      </Card>
    </div>
  );
}
