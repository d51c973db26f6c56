import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AppInfo } from '../../../../shared/contract';

/**
 * Shown once, right after setup: the only copy of the recovery code. The page
 * prints on its own (see `.print-sheet` in styles.css) so it can go in the safe.
 */
export function RecoveryCodeSheet({ code, info, onDone }: { code: string; info: AppInfo; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <div className="centered">
      <Card style={{ width: 640 }} className="print-sheet">
        <Typography.Title level={3}>数据库恢复码</Typography.Title>
        <Typography.Paragraph>
          单位：{info.profile?.officeName}（{info.profile?.countyName}，{info.profile?.countyCode}）
        </Typography.Paragraph>
        <div className="recovery-code" data-testid="recovery-code">
          {code}
        </div>
        <Typography.Paragraph>
          所有用户的密码都遗失时，只有凭此恢复码才能打开数据库并重设密码。恢复码只显示这一次，程序不保存它。
        </Typography.Paragraph>
        <Typography.Paragraph>请打印本页或工整抄写，由负责人签字后锁入保险柜。</Typography.Paragraph>
        <Typography.Paragraph className="print-only">
          保管人签字：＿＿＿＿＿＿＿＿<span style={{ marginLeft: 32 }}>日期：＿＿＿＿年＿＿月＿＿日</span>
        </Typography.Paragraph>
        <Alert
          className="no-print"
          type="warning"
          showIcon
          title="离开本页后将无法再次查看恢复码。"
          style={{ marginBottom: 16 }}
        />
        <Space className="no-print" orientation="vertical" style={{ width: '100%' }}>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印恢复码
          </Button>
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
            我已打印或抄写恢复码并妥善保管
          </Checkbox>
          <Button type="primary" block disabled={!saved} onClick={onDone}>
            进入系统
          </Button>
        </Space>
      </Card>
    </div>
  );
}
