import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Spin } from 'antd';
import { formatFen } from '../../../../shared/domain/money';
import { createPortal } from 'react-dom';
import { call, errorText } from '../../api/client';

/**
 * The 公示 list for the approvals the clerk chose: name, program, amount, period and
 * the ID always masked. A copy in a portal under <body> is what prints (see `.print-portal`).
 */
export function PublicityModal({
  enrolmentIds,
  title,
  onClose,
}: {
  enrolmentIds: number[];
  title: string;
  onClose: () => void;
}) {
  const list = useQuery({
    queryKey: ['publicity.list', enrolmentIds],
    queryFn: () => call('publicity.list', { enrolmentIds }),
  });
  const d = list.data;
  const periods = [...new Set((d?.rows ?? []).filter((r) => r.from).map((r) => `${r.from} 至 ${r.to}`))];
  const sheet = d ? (
    <div className="publicity-sheet">
      <h2>
        {d.countyName}
        {title}拟享受人员公示
      </h2>
      <p>
        下列人员经审核审批，拟享受{title}。现予公示{periods.length ? `，公示期 ${periods.join('、')}` : ''}
        。如有异议，请在公示期内向{d.officeName}反映。
      </p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>乡镇（街道）</th>
            <th>村（社区）</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>项目</th>
            <th>标准（元/月）</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r, i) => (
            <tr key={r.enrolmentId}>
              <td>{i + 1}</td>
              <td>{r.township ?? ''}</td>
              <td>{r.village ?? ''}</td>
              <td>{r.name}</td>
              <td>{r.idMasked}</td>
              <td>{r.program}</td>
              <td className="num">{r.amountFen === null ? '待定' : formatFen(r.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="publicity-footer">
        {d.officeName} {d.printedOn}
      </p>
    </div>
  ) : null;
  return (
    <Modal
      open
      width={900}
      title="公示名单"
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!d} onClick={() => window.print()}>
          打印
        </Button>,
      ]}
    >
      {list.isPending ? <Spin /> : null}
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      {sheet}
      {sheet ? createPortal(<div className="print-portal">{sheet}</div>, document.body) : null}
    </Modal>
  );
}
