import { Timeline, Typography } from 'antd';
import type { Enrolment } from '../../../../shared/contract';
import { statusLabels } from '../../../../shared/contract';
import { transitions } from '../../../../shared/domain/lifecycle';

const kindLabels: Record<string, string> = {
  created: '新建',
  updated: '修改',
  ...Object.fromEntries(Object.entries(transitions).map(([k, d]) => [k, d.label])),
};
const statusText = (s: string | null) => (s ? (statusLabels[s as keyof typeof statusLabels] ?? s) : '');

/** What happened to one enrolment, oldest first, as the clerk reads it. */
export function EnrolmentHistory({ enrolment }: { enrolment: Enrolment }) {
  return (
    <Timeline
      items={enrolment.events.map((ev) => ({
        content: (
          <>
            <Typography.Text strong>
              {new Date(ev.at).toLocaleString('zh-CN', { hour12: false })} {kindLabels[ev.kind] ?? ev.kind}
            </Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              {ev.username}
              {ev.fromStatus !== ev.toStatus
                ? `（${statusText(ev.fromStatus) || '—'} → ${statusText(ev.toStatus)}）`
                : ''}
            </Typography.Text>
            {ev.kind === 'updated' && ev.changes ? (
              <div className="history-changes">{summarize(ev.changes)}</div>
            ) : null}
            {ev.reason ? <div>原因：{ev.reason}</div> : null}
          </>
        ),
      }))}
    />
  );
}

const fieldNames: Record<string, string> = {
  applied_on: '申请日期',
  certificate_id: '残疾人证',
  child_mode: '养育方式',
  guardian_name: '监护人',
  guardian_id_number: '监护人身份证号',
  guardian_relation: '与儿童关系',
  guardian_phone: '监护人电话',
  father_situation: '父亲情况',
  mother_situation: '母亲情况',
  situation_evidence: '情况证明',
  school_proof_until: '在校证明有效期',
  note: '备注',
};

const certificateFields: Record<string, string> = {
  number: '残疾人证号',
  category: '残疾类别',
  grade: '残疾等级',
  issued_on: '发证日期',
  expires_on: '证件有效期',
};

function lines(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  names: Record<string, string>,
): string[] {
  return Object.keys(after).flatMap((k) => {
    const a = after[k];
    const b = before[k];
    // The certificate's own fields are a nested change.
    if (a && typeof a === 'object')
      return lines(
        (b && typeof b === 'object' ? b : {}) as Record<string, unknown>,
        a as Record<string, unknown>,
        certificateFields,
      );
    return [`${names[k] ?? k}：${String(b ?? '空')} → ${String(a ?? '空')}`];
  });
}

function summarize(json: string): string {
  try {
    const { before, after } = JSON.parse(json) as { before: Record<string, unknown>; after: Record<string, unknown> };
    return lines(before, after, fieldNames).join('；');
  } catch {
    return '';
  }
}
