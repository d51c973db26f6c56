import {
  AccountBookOutlined,
  BarChartOutlined,
  HeartOutlined,
  LockOutlined,
  SettingOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import type { AppInfo, Role } from '../../../shared/contract';
import { roleLabels } from '../../../shared/contract';
import { call } from '../api/client';
import { ModulePending } from '../pages/ModulePending';
import { DatabasePage } from '../pages/system/DatabasePage';

interface PageDef {
  key: string;
  label: string;
  icon: ReactNode;
  /** Roles that see the entry; the dispatcher enforces the same on every channel. */
  roles: readonly Role[];
  render: () => ReactNode;
  children?: undefined;
}

interface GroupDef {
  key: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
  children: readonly Omit<PageDef, 'icon'>[];
}

const allRoles: readonly Role[] = ['clerk', 'reviewer', 'head', 'admin'];

const menu: readonly (PageDef | GroupDef)[] = [
  { key: 'disability', label: '残疾人两项补贴', icon: <TeamOutlined />, roles: allRoles, render: () => <ModulePending title="残疾人两项补贴" /> },
  { key: 'children', label: '孤儿保障', icon: <SmileOutlined />, roles: allRoles, render: () => <ModulePending title="孤儿保障" /> },
  { key: 'elderly', label: '高龄津贴', icon: <HeartOutlined />, roles: allRoles, render: () => <ModulePending title="高龄津贴" /> },
  { key: 'payout', label: '资金发放', icon: <AccountBookOutlined />, roles: allRoles, render: () => <ModulePending title="资金发放" /> },
  { key: 'reports', label: '统计报表', icon: <BarChartOutlined />, roles: ['head', 'admin'], render: () => <ModulePending title="统计报表" /> },
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    roles: ['head', 'admin'],
    children: [{ key: 'system.database', label: '数据库信息', roles: ['head', 'admin'], render: () => <DatabasePage /> }],
  },
];

function visible(roles: readonly Role[], userRoles: readonly Role[]) {
  return roles.some((r) => userRoles.includes(r));
}

function findPage(key: string): Omit<PageDef, 'icon'> | undefined {
  for (const item of menu) {
    if (item.children) {
      const child = item.children.find((c) => c.key === key);
      if (child) return child;
    } else if (item.key === key) {
      return item;
    }
  }
  return undefined;
}

export function Shell({ info }: { info: AppInfo }) {
  const userRoles = info.user?.roles ?? [];
  const [current, setCurrent] = useState('disability');
  const queryClient = useQueryClient();
  const lock = useMutation({
    mutationFn: () => call('session.lock', {}),
    onSettled: () => void queryClient.invalidateQueries(),
  });

  const items: MenuProps['items'] = menu
    .filter((m) => visible(m.roles, userRoles))
    .map((m) =>
      m.children
        ? {
            key: m.key,
            icon: m.icon,
            label: m.label,
            children: m.children.filter((c) => visible(c.roles, userRoles)).map((c) => ({ key: c.key, label: c.label })),
          }
        : { key: m.key, icon: m.icon, label: m.label },
    );
  const page = findPage(current);

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
        <Layout.Content style={{ overflow: 'auto', background: '#fff' }}>{page?.render()}</Layout.Content>
        <footer className="status-bar" role="status">
          <span>{info.countyName ?? '—'}民政局</span>
          <span>数据库：已加密 · 已解锁</span>
          <span>
            当前用户：{info.user?.displayName}（{userRoles.map((r) => roleLabels[r]).join('、')}）
          </span>
          <span className="spacer" />
          <span>版本 {info.version}</span>
          <Button size="small" icon={<LockOutlined />} onClick={() => lock.mutate()} loading={lock.isPending}>
            锁定
          </Button>
        </footer>
      </Layout>
    </Layout>
  );
}
