import {
  AccountBookOutlined,
  AlertOutlined,
  ImportOutlined,
  BarChartOutlined,
  HeartOutlined,
  SettingOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { AppInfo, Role } from '../../../shared/contract';
import { ChecksScreen } from '../pages/checks/ChecksScreen';
import { ImportPage } from '../pages/imports/ImportPage';
import { PayoutsPage } from '../pages/payouts/PayoutsPage';
import { TemplatesTab } from '../pages/payouts/TemplatesTab';
import { RegisterPage } from '../pages/registers/RegisterPage';
import { RegionsPage } from '../pages/system/RegionsPage';
import { ModulePending } from '../pages/ModulePending';
import { AuditPage } from '../pages/system/AuditPage';
import { BackupPage } from '../pages/system/BackupPage';
import { DatabasePage } from '../pages/system/DatabasePage';
import { LogsPage } from '../pages/system/LogsPage';
import { SettingsPage } from '../pages/system/SettingsPage';
import { StandardsPage } from '../pages/system/StandardsPage';
import { UsersPage } from '../pages/system/UsersPage';

export interface PageDef {
  key: string;
  label: string;
  /** Roles that see the entry; the dispatcher enforces the same on every channel. */
  roles: readonly Role[];
  render: (info: AppInfo) => ReactNode;
}

export interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
  pages: readonly PageDef[];
}

/** Registers hold personal data: the administrator alone does not see them. */
const staff: readonly Role[] = ['clerk', 'reviewer', 'head'];

const single = (key: string, label: string, icon: ReactNode, roles: readonly Role[]): MenuGroup => ({
  key,
  label,
  icon,
  pages: [{ key, label, roles, render: () => <ModulePending title={label} /> }],
});

const register = (key: 'disability' | 'children' | 'elderly', label: string, icon: ReactNode): MenuGroup => ({
  key,
  label,
  icon,
  pages: [{ key, label, roles: staff, render: (info) => <RegisterPage key={key} register={key} info={info} /> }],
});

export const menu: readonly MenuGroup[] = [
  register('disability', '残疾人两项补贴', <TeamOutlined />),
  register('children', '孤儿保障', <SmileOutlined />),
  register('elderly', '高龄津贴', <HeartOutlined />),
  {
    key: 'checks',
    label: '待办预警',
    icon: <AlertOutlined />,
    pages: [{ key: 'checks', label: '待办预警', roles: staff, render: (info) => <ChecksScreen info={info} /> }],
  },
  {
    key: 'imports',
    label: '数据导入',
    icon: <ImportOutlined />,
    pages: [{ key: 'imports', label: '数据导入', roles: staff, render: () => <ImportPage /> }],
  },
  {
    key: 'payout',
    label: '资金发放',
    icon: <AccountBookOutlined />,
    pages: [{ key: 'payout', label: '资金发放', roles: staff, render: (info) => <PayoutsPage info={info} /> }],
  },
  single('reports', '统计报表', <BarChartOutlined />, ['head']),
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    pages: [
      { key: 'system.users', label: '用户管理', roles: ['admin'], render: () => <UsersPage /> },
      { key: 'system.regions', label: '行政区划', roles: ['admin'], render: () => <RegionsPage /> },
      { key: 'system.audit', label: '操作日志', roles: ['admin', 'head'], render: () => <AuditPage /> },
      { key: 'system.standards', label: '补贴标准与政策', roles: ['head', 'admin'], render: () => <StandardsPage /> },
      { key: 'system.bankTemplates', label: '银行文件模板', roles: ['admin', 'head'], render: () => <TemplatesTab /> },
      { key: 'system.backup', label: '数据备份', roles: ['admin'], render: () => <BackupPage /> },
      { key: 'system.settings', label: '系统设置', roles: ['admin'], render: () => <SettingsPage /> },
      { key: 'system.database', label: '数据库信息', roles: ['admin', 'head'], render: () => <DatabasePage /> },
      { key: 'system.logs', label: '运行日志', roles: ['admin'], render: () => <LogsPage /> },
    ],
  },
];

export function visiblePages(userRoles: readonly Role[]): PageDef[] {
  return menu.flatMap((g) => g.pages.filter((p) => p.roles.some((r) => userRoles.includes(r))));
}
