import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import { ApiError, call, errorText } from '../../api/client';
import { NewPasswordFields } from './NewPasswordFields';
import { RESCUE_CODES, RescuePage } from './RescuePage';
import { usernameRules } from './rules';

interface LoginForm {
  username: string;
  password: string;
}

interface RecoverForm {
  recoveryCode: string;
  username: string;
  newPassword: string;
  confirm: string;
}

function RecoverCard({ onBack }: { onBack: () => void }) {
  const [form] = Form.useForm<RecoverForm>();
  const queryClient = useQueryClient();
  const recover = useMutation({
    mutationFn: (v: RecoverForm) =>
      call('session.recover', { recoveryCode: v.recoveryCode, username: v.username, newPassword: v.newPassword }),
    onSuccess: (info) => queryClient.setQueryData(['app.info'], info),
  });
  return (
    <Card style={{ width: 420 }}>
      <Typography.Title level={4}>用恢复码重设密码</Typography.Title>
      <Typography.Paragraph type="secondary">恢复码是初始设置时打印保存的 32 位字符。</Typography.Paragraph>
      {recover.isError ? (
        <Alert type="error" showIcon title={errorText(recover.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => recover.mutate(v)}>
        <Form.Item label="恢复码" name="recoveryCode" rules={[{ required: true, message: '请输入恢复码' }]}>
          <Input placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" />
        </Form.Item>
        <Form.Item label="用户名" name="username" rules={usernameRules}>
          <Input />
        </Form.Item>
        <NewPasswordFields name="newPassword" label="新密码" confirmLabel="确认新密码" />
        <Button type="primary" htmlType="submit" block loading={recover.isPending}>
          重设密码并登录
        </Button>
        <Button type="link" block onClick={onBack}>
          返回登录
        </Button>
      </Form>
    </Card>
  );
}

export function LoginPage({ info }: { info: AppInfo }) {
  const [form] = Form.useForm<LoginForm>();
  const [recovering, setRecovering] = useState(false);
  const [rescuing, setRescuing] = useState(false);
  /** A sign-in failure that only a restore cures (damaged database, lost keyring …): shown with the way there. */
  const [broken, setBroken] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (v: LoginForm) => call('session.login', v),
    onSuccess: (next) => queryClient.setQueryData(['app.info'], next),
    onError: (e) => {
      if (e instanceof ApiError && RESCUE_CODES.has(e.code)) {
        setBroken(errorText(e));
        return;
      }
      const field = e instanceof ApiError && e.code === 'USER_LOCKED' ? 'username' : 'password';
      form.setFields([{ name: field, errors: [errorText(e)] }]);
    },
  });

  if (rescuing) return <RescuePage reason={broken} onBack={() => setRescuing(false)} />;

  if (recovering) {
    return (
      <div className="centered">
        <RecoverCard onBack={() => setRecovering(false)} />
      </div>
    );
  }
  return (
    <div className="centered">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          民政补贴台账
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {info.profile?.officeName ?? '请登录'}
        </Typography.Paragraph>
        {broken ? (
          <Alert
            type="error"
            showIcon
            title={broken}
            style={{ marginBottom: 16 }}
            action={
              <Button size="small" danger onClick={() => setRescuing(true)}>
                从备份恢复…
              </Button>
            }
          />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
          <Button type="link" block onClick={() => setRecovering(true)}>
            忘记密码？用恢复码重设
          </Button>
          <Button type="link" block onClick={() => setRescuing(true)}>
            数据库无法打开？从备份恢复
          </Button>
        </Form>
      </Card>
    </div>
  );
}
