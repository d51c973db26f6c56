import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Spin, Steps, Tabs } from 'antd';
import type { Role } from '../../../../shared/contract';
import type { Batch } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { payoutKindLabels, payoutStatusLabels, type PayoutStatus } from '../../../../shared/domain/payouts';
import { programLabels } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';
import { BatchActions } from './BatchActions';
import { period } from './columns';
import { DiffPanel } from './DiffPanel';
import { LinesGrid } from './LinesGrid';
import { payoutKeys } from './queries';
import { Totals } from './Totals';

const flow: PayoutStatus[] = ['draft', 'reviewed', 'locked', 'exported', 'returned'];
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

function BatchSteps({ batch }: { batch: Batch }) {
  const voided = batch.status === 'voided';
  // A voided batch shows how far it got: exported when it has an export time, else locked or earlier.
  const reached = voided
    ? batch.exportedAt
      ? 3
      : batch.lockedBy
        ? 2
        : batch.reviewedBy
          ? 1
          : 0
    : flow.indexOf(batch.status);
  return (
    <Steps
      size="small"
      current={reached}
      status={voided ? 'error' : batch.status === 'returned' ? 'finish' : 'process'}
      aria-label="批次状态"
      items={flow.map((s, i) => ({
        title: payoutStatusLabels[s],
        content:
          i === 0
            ? batch.names.generatedBy
            : i === 1
              ? (batch.names.reviewedBy ?? '')
              : i === 2
                ? (batch.names.lockedBy ?? '')
                : i === 3
                  ? when(batch.exportedAt)
                  : when(batch.returnedAt),
      }))}
    />
  );
}

/** One batch: where it is in its flow, its totals, the actions its state and the user's roles allow, and its lines. */
export function BatchDrawer({
  batchId,
  roles,
  username,
  onClose,
}: {
  batchId: number;
  roles: readonly Role[];
  username: string;
  onClose: () => void;
}) {
  const q = useQuery({ queryKey: payoutKeys.batch(batchId), queryFn: () => call('payout.get', { batchId }) });
  const batch = q.data?.batch;
  const beforeLock = batch?.status === 'draft' || batch?.status === 'reviewed';
  const kinds = batch
    ? (Object.keys(payoutKindLabels) as Array<keyof Batch['byKind']>).filter((k) => batch.byKind[k].lines > 0)
    : [];
  return (
    <Drawer open size="92%" title={batch ? `发放批次 ${batch.batchNo}` : '发放批次'} onClose={onClose} destroyOnHidden>
      {q.isPending ? <Spin /> : null}
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} /> : null}
      {batch && q.data ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <BatchSteps batch={batch} />
          {batch.status === 'voided' ? (
            <Alert type="error" showIcon title={`本批次已于 ${when(batch.voidedAt)} 作废：${batch.voidReason ?? ''}`} />
          ) : null}
          <Descriptions size="small" bordered column={4} aria-label="批次概况">
            <Descriptions.Item label="项目">{programLabels[batch.program]}</Descriptions.Item>
            <Descriptions.Item label="期间">{period(batch)}</Descriptions.Item>
            <Descriptions.Item label="状态">{payoutStatusLabels[batch.status]}</Descriptions.Item>
            <Descriptions.Item label="合计">
              <strong aria-label="批次合计金额">
                {batch.lineCount} 笔，{formatFen(batch.totalFen)} 元
              </strong>
            </Descriptions.Item>
            {kinds.map((k) => (
              <Descriptions.Item key={k} label={payoutKindLabels[k]}>
                {batch.byKind[k].lines} 笔，{formatFen(batch.byKind[k].fen)} 元
              </Descriptions.Item>
            ))}
            {batch.held > 0 ? (
              <Descriptions.Item label="待更正账号">{batch.held} 笔（账号更正后重新生成时重发）</Descriptions.Item>
            ) : null}
            {batch.status === 'returned' ? (
              <Descriptions.Item label="银行回盘">
                成功 {batch.paidLines} 笔，失败 {batch.failedLines} 笔
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {q.data.heldOut.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              aria-label="暂缓发放"
              title={`${q.data.heldOut.length} 人缺少银行账号，未列入本批次（暂缓发放，在人员信息中补录账号后由下一批次补发）`}
              description={q.data.heldOut
                .map(
                  (h) =>
                    `${h.township ?? ''}${h.village ?? ''} ${h.name}：${h.months.join('、')}，${formatFen(h.amountFen)} 元`,
                )
                .join('；')}
            />
          ) : null}
          <BatchActions batch={batch} lines={q.data.lines} roles={roles} username={username} />
          <Tabs
            items={[
              {
                key: 'lines',
                label: `发放明细（${batch.lineCount}）`,
                children: <LinesGrid batch={batch} lines={q.data.lines} idsMasked={q.data.idsMasked} />,
              },
              { key: 'totals', label: '分类汇总', children: <Totals lines={q.data.lines} /> },
              ...(beforeLock ? [{ key: 'diff', label: '与上期对比', children: <DiffPanel batchId={batch.id} /> }] : []),
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
