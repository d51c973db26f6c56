import { Button, Col, DatePicker, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Enrolment, EnrolmentInput } from '../../../../shared/contract';
import { childModes, parentSituations, programLabels, type Program } from '../../../../shared/domain/programs';
import { eligibilityRule, usePolicy, type EntryPerson } from './eligibility';
import { idRules, phoneRules } from './validators';

export interface EnrolmentFormValues {
  program: Program;
  appliedOn: Dayjs;
  certificateNumber?: string;
  certIssuedOn?: Dayjs | null;
  certExpiresOn?: Dayjs | null;
  childMode?: 'institution' | 'dispersed';
  guardianName?: string;
  guardianIdNumber?: string;
  guardianRelation?: string;
  guardianPhone?: string;
  fatherSituation?: string;
  motherSituation?: string;
  situationEvidence?: string;
  schoolProofUntil?: Dayjs | null;
  note?: string;
}

export const enrolmentFields = [
  'certificateNumber',
  'appliedOn',
  'childMode',
  'guardianName',
  'guardianIdNumber',
  'guardianRelation',
  'guardianPhone',
  'schoolProofUntil',
  'note',
];

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s?: string) => (s && s.trim() ? s.trim() : null);

export function enrolmentToForm(e: Enrolment): EnrolmentFormValues {
  return {
    program: e.program,
    appliedOn: dayjs(e.appliedOn),
    certificateNumber: e.certificate?.number,
    certIssuedOn: day(e.certificate?.issuedOn),
    certExpiresOn: day(e.certificate?.expiresOn),
    childMode: e.childMode ?? undefined,
    guardianName: e.guardianName ?? undefined,
    guardianIdNumber: e.guardianIdNumber ?? undefined,
    guardianRelation: e.guardianRelation ?? undefined,
    guardianPhone: e.guardianPhone ?? undefined,
    fatherSituation: e.fatherSituation ?? undefined,
    motherSituation: e.motherSituation ?? undefined,
    situationEvidence: e.situationEvidence ?? undefined,
    schoolProofUntil: day(e.schoolProofUntil),
    note: e.note ?? undefined,
  };
}

export function formToEnrolment(v: EnrolmentFormValues, personId: number, id?: number): EnrolmentInput {
  const disability = v.program === 'disability-living' || v.program === 'disability-care';
  return {
    ...(id === undefined ? {} : { id }),
    personId,
    program: v.program,
    appliedOn: v.appliedOn.format('YYYY-MM-DD'),
    certificate: disability
      ? { number: v.certificateNumber ?? '', issuedOn: iso(v.certIssuedOn), expiresOn: iso(v.certExpiresOn) }
      : null,
    childMode: v.childMode ?? null,
    guardianName: text(v.guardianName),
    guardianIdNumber: text(v.guardianIdNumber),
    guardianRelation: text(v.guardianRelation),
    guardianPhone: text(v.guardianPhone),
    fatherSituation: text(v.fatherSituation),
    motherSituation: text(v.motherSituation),
    situationEvidence: text(v.situationEvidence),
    schoolProofUntil: iso(v.schoolProofUntil),
    note: text(v.note),
  };
}

const situationOptions = Object.entries(parentSituations).map(([value, label]) => ({ value, label }));

export function EnrolmentForm(props: {
  form: FormInstance<EnrolmentFormValues>;
  programs: readonly Program[];
  fixedProgram: boolean;
  readOnly: boolean;
  saving: boolean;
  onSave: () => void;
  /** The applicant's facts, for the eligibility rule the service applies too. */
  person?: EntryPerson;
}) {
  const program = Form.useWatch('program', props.form);
  const appliedOn = Form.useWatch('appliedOn', props.form);
  const policy = usePolicy(appliedOn ? appliedOn.format('YYYY-MM') : undefined).data?.policy;
  const disability = program === 'disability-living' || program === 'disability-care';
  const child = program === 'orphan' || program === 'unattended-child';
  const { form, person, readOnly } = props;
  // The reason shows as soon as the form opens, not only when saving.
  useEffect(() => {
    if (policy && person && !readOnly && program) void form.validateFields(['program']).catch(() => undefined);
  }, [policy, person, readOnly, program, form]);
  const eligible = (field: string) => eligibilityRule(field, props.person, policy);
  return (
    <Form form={props.form} layout="vertical" disabled={props.readOnly}>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            label="项目"
            name="program"
            rules={[{ required: true, message: '请选择项目' }, eligible('program')]}
            dependencies={['appliedOn', 'schoolProofUntil']}
          >
            <Select
              disabled={props.readOnly || props.fixedProgram}
              options={props.programs.map((p) => ({ value: p, label: programLabels[p] }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="申请日期" name="appliedOn" rules={[{ required: true, message: '请选择申请日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {disability ? (
          <>
            <Col span={24}>
              <Form.Item
                label="残疾人证号"
                name="certificateNumber"
                rules={[
                  { required: true, message: '请填写残疾人证号' },
                  {
                    pattern: /^\d{17}[\dXx]\d{2}$/,
                    message: '残疾人证号应为 20 位：18 位身份证号加残疾类别和等级各 1 位',
                  },
                  eligible('certificateNumber'),
                ]}
                dependencies={['program', 'appliedOn']}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="发证日期" name="certIssuedOn">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="有效期至" name="certExpiresOn">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        ) : null}
        {child ? (
          <>
            <Col span={12}>
              <Form.Item label="养育方式" name="childMode" rules={[{ required: true, message: '请选择养育方式' }]}>
                <Select options={Object.entries(childModes).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="在校证明有效期至"
                name="schoolProofUntil"
                rules={[eligible('schoolProofUntil')]}
                dependencies={['appliedOn']}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="监护人姓名" name="guardianName">
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label="监护人身份证号" name="guardianIdNumber" rules={idRules(false)}>
                <Input maxLength={22} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="与儿童关系" name="guardianRelation">
                <Input maxLength={20} placeholder="如 祖父母" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label="监护人电话" name="guardianPhone" rules={phoneRules}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
          </>
        ) : null}
        {program === 'unattended-child' ? (
          <>
            <Col span={12}>
              <Form.Item label="父亲情况" name="fatherSituation">
                <Select options={situationOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="母亲情况" name="motherSituation">
                <Select options={situationOptions} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="情况证明" name="situationEvidence">
                <Input maxLength={200} placeholder="证明材料名称、出具单位和日期" />
              </Form.Item>
            </Col>
          </>
        ) : null}
        <Col span={24}>
          <Form.Item label="备注" name="note">
            <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>
      {props.readOnly ? null : (
        <Space className="drawer-actions">
          <Button type="primary" loading={props.saving} onClick={props.onSave}>
            保存待遇记录
          </Button>
        </Space>
      )}
    </Form>
  );
}
