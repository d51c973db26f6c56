import { Tabs } from 'antd';
import type { AppInfo } from '../../../../shared/contract';
import { BatchList } from './BatchList';
import { RecoveriesTab } from './RecoveriesTab';
import { TemplatesTab } from './TemplatesTab';

/** 资金发放: the batches of every program, and the overpayments to recover. */
export function PayoutsPage({ info }: { info: AppInfo }) {
  const roles = info.session?.user.roles ?? [];
  return (
    <div className="page payouts-page">
      <Tabs
        style={{ flex: 1, minHeight: 0 }}
        items={[
          {
            key: 'batches',
            label: '发放批次',
            children: <BatchList roles={roles} username={info.session?.user.username ?? ''} />,
          },
          { key: 'recoveries', label: '追缴记录', children: <RecoveriesTab roles={roles} /> },
          { key: 'templates', label: '银行文件模板', children: <TemplatesTab /> },
        ]}
      />
    </div>
  );
}
