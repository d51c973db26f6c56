import { KeyOutlined, LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Form, Input, Layout, Menu, Modal, Spin, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { roleLabels, type AppInfo } from '../../../shared/contract';
import { forgetSessionData } from '../api/cache';
import { call, errorText } from '../api/client';
import { NewPasswordFields } from '../pages/auth/NewPasswordFields';
import { useCheckCounts } from '../pages/checks/ChecksPage';
import { GlobalSearch } from './GlobalSearch';
import { menu, visiblePages } from './menu';

function ChangePassword({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string; confirm: string }>();
  const change = useMutation({
    mutationFn: (v: { oldPassword: string; newPassword: string }) =>
      call('session.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      void message.success('密码已修改');
      form.resetFields();
      onClose();
    },
    onError: (e) => form.setFields([{ name: 'oldPassword', errors: [errorText(e)] }]),
  });
  return (
    <Modal
      open={open}
      title="修改密码"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label="新密码" confirmLabel="确认新密码" />
      </Form>
    </Modal>
  );
}

export function Shell({ info }: { info: AppInfo }) {
  const user = info.session?.user;
  const userRoles = user?.roles ?? [];
  const pages = visiblePages(userRoles, info.session?.level);
  const [current, setCurrent] = useState(pages[0]?.key ?? '');
  const [changing, setChanging] = useState(false);
  const queryClient = useQueryClient();
  const head = useQuery({
    queryKey: ['audit.head', current],
    queryFn: () => call('audit.head', {}),
    enabled: !info.session?.locked,
  });
  const lock = useMutation({
    mutationFn: () => call('session.lock', { reason: 'user' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['app.info'] }),
  });
  // Clear, not just refetch: the next user must not see this one's cached records.
  const logout = useMutation({
    mutationFn: () => call('session.logout', {}),
    onSettled: () => forgetSessionData(queryClient),
  });

  const counts = useCheckCounts(userRoles.some((r) => r !== 'admin') && !info.session?.locked);
  type Item = NonNullable<MenuProps['items']>[number];
  const items: MenuProps['items'] = menu.flatMap((g): Item[] => {
    const visible = g.pages.filter((p) => pages.includes(p));
    if (visible.length === 0) return [];
    if (g.key === 'checks') {
      const label = (
        // The count sits after the words, inline: as a superscript it covered the last character.
        <span className="menu-with-count">
          <span>{g.label}</span>
          <Badge count={counts.data?.total ?? 0} size="small" overflowCount={999} />
        </span>
      );
      return [{ key: g.key, icon: g.icon, label }];
    }
    if (visible.length === 1 && visible[0]?.key === g.key) return [{ key: g.key, icon: g.icon, label: g.label }];
    return [
      { key: g.key, icon: g.icon, label: g.label, children: visible.map((p) => ({ key: p.key, label: p.label })) },
    ];
  });
  const page = pages.find((p) => p.key === current);

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={208} theme="dark">
        <div className="app-brand">民政补贴台账</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current]}
          defaultOpenKeys={['system']}
          items={items}
          onClick={(e) => setCurrent(e.key)}
          aria-label="主菜单"
        />
      </Layout.Sider>
      <Layout>
        {userRoles.some((r) => r !== 'admin') && info.session?.level !== 'city' ? (
          <header className="app-header">
            <GlobalSearch roles={userRoles} />
          </header>
        ) : null}
        <Layout.Content style={{ overflow: 'auto', background: '#fff' }}>
          <Suspense
            fallback={
              <div className="centered">
                <Spin description="正在打开…" />
              </div>
            }
          >
            {page?.render(info)}
          </Suspense>
        </Layout.Content>
        <footer className="status-bar" role="status">
          <span>{info.profile?.officeName ?? '—'}</span>
          <span>数据库：已加密</span>
          <span>
            {user?.displayName}（{userRoles.map((r) => roleLabels[r]).join('、')}）
          </span>
          {head.data ? (
            <span title={head.data.hash}>
              日志链头 #{head.data.seq} {head.data.hash.slice(0, 8)}
            </span>
          ) : null}
          <span className="spacer" />
          <span>版本 {info.version}</span>
          <Button size="small" icon={<KeyOutlined />} onClick={() => setChanging(true)}>
            修改密码
          </Button>
          <Button size="small" icon={<LockOutlined />} onClick={() => lock.mutate()} loading={lock.isPending}>
            锁定
          </Button>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending}>
            退出
          </Button>
        </footer>
      </Layout>
      <ChangePassword open={changing} onClose={() => setChanging(false)} />
    </Layout>
  );
}
