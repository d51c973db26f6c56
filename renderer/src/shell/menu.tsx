import {
  AccountBookOutlined,
  AlertOutlined,
  ImportOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  HeartOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { AppInfo, Role } from '../../../shared/contract';

// Each page (and AG Grid with it) loads when first opened, not before the login screen paints.
const ChecksScreen = lazy(() => import('../pages/checks/ChecksScreen').then((m) => ({ default: m.ChecksScreen })));
const ImportPage = lazy(() => import('../pages/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const PayoutsPage = lazy(() => import('../pages/payouts/PayoutsPage').then((m) => ({ default: m.PayoutsPage })));
const TemplatesTab = lazy(() => import('../pages/payouts/TemplatesTab').then((m) => ({ default: m.TemplatesTab })));
const RegisterPage = lazy(() => import('../pages/registers/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const RegionsPage = lazy(() => import('../pages/system/RegionsPage').then((m) => ({ default: m.RegionsPage })));
const AuditPage = lazy(() => import('../pages/system/AuditPage').then((m) => ({ default: m.AuditPage })));
const BackupPage = lazy(() => import('../pages/system/BackupPage').then((m) => ({ default: m.BackupPage })));
const DatabasePage = lazy(() => import('../pages/system/DatabasePage').then((m) => ({ default: m.DatabasePage })));
const LogsPage = lazy(() => import('../pages/system/LogsPage').then((m) => ({ default: m.LogsPage })));
const SettingsPage = lazy(() => import('../pages/system/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const StandardsPage = lazy(() => import('../pages/system/StandardsPage').then((m) => ({ default: m.StandardsPage })));
const VerifyPage = lazy(() => import('../pages/documents/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const DocumentSettingsPage = lazy(() =>
  import('../pages/documents/DocumentSettingsPage').then((m) => ({ default: m.DocumentSettingsPage })),
);
const UsersPage = lazy(() => import('../pages/system/UsersPage').then((m) => ({ default: m.UsersPage })));
const ReportsPage = lazy(() => import('../pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const UploadPage = lazy(() => import('../pages/package/UploadPage').then((m) => ({ default: m.UploadPage })));
const CityImportPage = lazy(() =>
  import('../pages/package/CityImportPage').then((m) => ({ default: m.CityImportPage })),
);
const CityStatusPage = lazy(() =>
  import('../pages/package/CityStatusPage').then((m) => ({ default: m.CityStatusPage })),
);
const CountiesPage = lazy(() => import('../pages/package/CountiesPage').then((m) => ({ default: m.CountiesPage })));

export interface PageDef {
  key: string;
  label: string;
  /** Roles that see the entry; the dispatcher enforces the same on every channel. */
  roles: readonly Role[];
  render: (info: AppInfo) => ReactNode;
  /** Offices that see the entry (county or city database); all when absent. */
  levels?: readonly Level[];
}

type Level = 'county' | 'city';

export interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
  pages: readonly PageDef[];
}

/** Registers hold personal data: the administrator alone does not see them. */
const staff: readonly Role[] = ['clerk', 'reviewer', 'head'];
/** A city office keeps no register of its own: it reads its counties' packages. */
const county = ['county'] as const;

const register = (key: 'disability' | 'children' | 'elderly', label: string, icon: ReactNode): MenuGroup => ({
  key,
  label,
  icon,
  pages: [
    {
      key,
      label,
      roles: staff,
      levels: county,
      render: (info) => <RegisterPage key={key} register={key} info={info} />,
    },
  ],
});

export const menu: readonly MenuGroup[] = [
  register('disability', '残疾人两项补贴', <TeamOutlined />),
  register('children', '孤儿保障', <SmileOutlined />),
  register('elderly', '高龄津贴', <HeartOutlined />),
  {
    key: 'checks',
    label: '待办预警',
    icon: <AlertOutlined />,
    pages: [
      {
        key: 'checks',
        label: '待办预警',
        roles: staff,
        levels: county,
        render: (info) => <ChecksScreen info={info} />,
      },
    ],
  },
  {
    key: 'imports',
    label: '数据导入',
    icon: <ImportOutlined />,
    pages: [{ key: 'imports', label: '数据导入', roles: staff, levels: county, render: () => <ImportPage /> }],
  },
  {
    key: 'payout',
    label: '资金发放',
    icon: <AccountBookOutlined />,
    pages: [
      { key: 'payout', label: '资金发放', roles: staff, levels: county, render: (info) => <PayoutsPage info={info} /> },
    ],
  },
  {
    key: 'verify',
    label: '证件核验',
    icon: <SafetyCertificateOutlined />,
    pages: [{ key: 'verify', label: '证件核验', roles: [...staff, 'admin'], render: () => <VerifyPage /> }],
  },
  {
    key: 'reports',
    label: '统计报表',
    icon: <BarChartOutlined />,
    pages: [{ key: 'reports', label: '统计报表', roles: staff, levels: county, render: () => <ReportsPage /> }],
  },
  {
    key: 'package',
    label: '数据上报',
    icon: <CloudUploadOutlined />,
    pages: [
      {
        key: 'package',
        label: '数据上报',
        roles: ['head'],
        levels: ['county'],
        render: (info) => <UploadPage isHead={info.session?.user.roles.includes('head') ?? false} />,
      },
      {
        key: 'city.import',
        label: '上报数据导入',
        roles: ['head', 'admin'],
        levels: ['city'],
        render: () => <CityImportPage />,
      },
      {
        key: 'city.status',
        label: '上报情况',
        roles: [...staff, 'admin'],
        levels: ['city'],
        render: () => <CityStatusPage />,
      },
      {
        key: 'city.counties',
        label: '县区登记',
        roles: ['head', 'admin'],
        levels: ['city'],
        render: () => <CountiesPage />,
      },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    pages: [
      { key: 'system.users', label: '用户管理', roles: ['admin'], render: () => <UsersPage /> },
      { key: 'system.regions', label: '行政区划', roles: ['admin'], levels: county, render: () => <RegionsPage /> },
      { key: 'system.audit', label: '操作日志', roles: ['admin', 'head'], render: () => <AuditPage /> },
      {
        key: 'system.standards',
        label: '补贴标准与政策',
        roles: ['head', 'admin'],
        levels: county,
        render: () => <StandardsPage />,
      },
      {
        key: 'system.bankTemplates',
        label: '银行文件模板',
        roles: ['admin', 'head'],
        levels: county,
        render: () => <TemplatesTab />,
      },
      {
        key: 'system.documentSettings',
        label: '文书设置',
        roles: ['head', 'admin'],
        levels: county,
        render: () => <DocumentSettingsPage />,
      },
      { key: 'system.backup', label: '数据备份', roles: ['admin'], render: () => <BackupPage /> },
      { key: 'system.settings', label: '系统设置', roles: ['admin'], render: () => <SettingsPage /> },
      { key: 'system.database', label: '数据库信息', roles: ['admin', 'head'], render: () => <DatabasePage /> },
      { key: 'system.logs', label: '运行日志', roles: ['admin'], render: () => <LogsPage /> },
    ],
  },
];

export function visiblePages(userRoles: readonly Role[], level: Level = 'county'): PageDef[] {
  return menu.flatMap((g) =>
    g.pages.filter((p) => p.roles.some((r) => userRoles.includes(r)) && (!p.levels || p.levels.includes(level))),
  );
}
