import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Typography } from 'antd';
import type { AppInfo } from '../../../../shared/contract';
import { forgetSessionData } from '../../api/cache';
import { call, errorText } from '../../api/client';

/**
 * Covers the app while the session is locked. The pages underneath stay mounted,
 * so a half-filled form is still there after unlocking.
 */
export function LockOverlay({ info }: { info: AppInfo }) {
  const [form] = Form.useForm<{ password: string }>();
  const queryClient = useQueryClient();
  const unlock = useMutation({
    mutationFn: (v: { password: string }) => call('session.unlock', v),
    onSuccess: (next) => {
      form.resetFields();
      queryClient.setQueryData(['app.info'], next);
    },
    onError: (e) => form.setFields([{ name: 'password', errors: [errorText(e)], value: '' }]),
  });
  const logout = useMutation({
    mutationFn: () => call('session.logout', {}),
    onSettled: () => forgetSessionData(queryClient),
  });
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      title="屏幕已锁定"
      width={380}
      styles={{ mask: { backdropFilter: 'blur(6px)' } }}
    >
      <Typography.Paragraph>
        {info.session?.user.displayName}，为保护个人信息，超过 {info.session?.idleLockMinutes}{' '}
        分钟未操作或手动锁定后需重新输入密码。未保存的内容仍然保留。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => unlock.mutate(v)} requiredMark={false}>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoFocus autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
          解锁
        </Button>
        <Button type="link" block onClick={() => logout.mutate()}>
          退出登录
        </Button>
      </Form>
    </Modal>
  );
}
