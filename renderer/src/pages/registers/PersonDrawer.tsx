import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Descriptions, Drawer, Form, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Enrolment, Role } from '../../../../shared/contract';
import { statusLabels } from '../../../../shared/contract';
import { programLabels, registers, type Register } from '../../../../shared/domain/programs';
import { ApiError, call, errorText } from '../../api/client';
import {
  EnrolmentForm,
  enrolmentFields,
  enrolmentToForm,
  formToEnrolment,
  type EnrolmentFormValues,
} from './EnrolmentForm';
import { EnrolmentHistory } from './EnrolmentHistory';
import { LifecycleActions } from './LifecycleActions';
import { PersonDocuments } from '../documents/PersonDocuments';
import { PersonForm, personFields, toFormValues, toInput, type PersonFormValues } from './PersonForm';
import { showServerError } from './serverErrors';
import { eligibilityFormField, type EntryPerson } from './eligibility';
import type { EligibilityField } from '../../../../shared/domain/eligibility';
import { sexLabel } from './labels';

function EnrolmentPanel(props: {
  enrolment: Enrolment | null;
  personId: number;
  register: Register;
  readOnly: boolean;
  roles: readonly Role[];
  onSaved: () => void;
  person?: EntryPerson;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnrolmentFormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  useEffect(() => {
    form.setFieldsValue(
      props.enrolment
        ? enrolmentToForm(props.enrolment)
        : { program: registers[props.register].programs[0], appliedOn: dayjs() },
    );
  }, [props.enrolment, props.register, form]);
  const save = useMutation({
    mutationFn: async () =>
      call('enrolment.save', formToEnrolment(await form.validateFields(), props.personId, props.enrolment?.id)),
    onSuccess: (saved) => {
      setBanner(null);
      if (saved.decisions.length)
        modal.warning({ title: '申请已保存，须作出决定', content: saved.decisions.join('；') });
      else void message.success('待遇记录已保存');
      props.onSaved();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'NOT_ELIGIBLE') {
        // The service's refusal goes on the same field the form's own rule uses.
        const field = (e.body.details as { field?: EligibilityField } | undefined)?.field;
        form.setFields([{ name: field ? eligibilityFormField[field] : 'program', errors: [e.message] }]);
        return;
      }
      if (e instanceof ApiError || !('errorFields' in Object(e))) setBanner(showServerError(form, e, enrolmentFields));
    },
  });
  const programs = props.enrolment ? [props.enrolment.program] : registers[props.register].programs;
  return (
    <>
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} /> : null}
      {props.enrolment ? (
        <LifecycleActions enrolment={props.enrolment} roles={props.roles} onDone={props.onSaved} />
      ) : null}
      <EnrolmentForm
        form={form}
        programs={programs}
        fixedProgram={Boolean(props.enrolment)}
        readOnly={props.readOnly}
        saving={save.isPending}
        onSave={() => save.mutate()}
        person={props.person}
      />
      {props.enrolment ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            办理记录
          </Typography.Title>
          <EnrolmentHistory enrolment={props.enrolment} />
        </>
      ) : null}
    </>
  );
}

/**
 * The detail of one person: their record, every enrolment (this register's and
 * their other programs') with its history. `personId` null opens an empty form.
 */
export function PersonDrawer(props: {
  personId: number | null;
  register: Register;
  canEdit: boolean;
  roles: readonly Role[];
  onClose: () => void;
  onSaved: (personId: number) => void;
  /** Opened from the frame's search: every program is this drawer's own, none is 其他项目. */
  allPrograms?: boolean;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState<number | null>(props.personId);
  const [tab, setTab] = useState(props.personId ? 'enrolments' : 'person');
  const [adding, setAdding] = useState(props.personId === null);
  const [banner, setBanner] = useState<string | null>(null);
  const [form] = Form.useForm<PersonFormValues>();
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => call('region.list', {}) });
  const detail = useQuery({
    queryKey: ['person.get', personId],
    queryFn: () => call('person.get', { id: personId ?? 0 }),
    enabled: personId !== null,
  });
  const person = detail.data?.person;
  useEffect(() => {
    if (person) form.setFieldsValue(toFormValues(person));
  }, [person, form]);
  const reveal = useMutation({ mutationFn: () => call('person.revealId', { id: personId ?? 0 }) });

  const saved = (id: number) => {
    void queryClient.invalidateQueries({ queryKey: ['person.get', id] });
    // A fix may clear a 预警 finding: the menu count and list are recomputed.
    void queryClient.invalidateQueries({ queryKey: ['check.counts'] });
    void queryClient.invalidateQueries({ queryKey: ['check.list'] });
    props.onSaved(id);
  };
  const savePerson = useMutation({
    mutationFn: async (confirmed: boolean) =>
      call('person.save', toInput(await form.validateFields(), personId ?? undefined, confirmed)),
    onSuccess: (p) => {
      setBanner(null);
      void message.success('人员信息已保存');
      if (personId === null) {
        setPersonId(p.id);
        setTab('enrolments');
      }
      saved(p.id);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'ID_ADDRESS_UNCONFIRMED') {
        // Not a refusal: the clerk checks the paper ID and says the number is right.
        modal.confirm({
          title: '请核对身份证号',
          content: e.message.replace(/^身份证号：/, ''),
          okText: '已核对原件，确认保存',
          cancelText: '返回修改',
          onOk: () => savePerson.mutate(true),
        });
        return;
      }
      if (e instanceof ApiError && e.code === 'PERSON_EXISTS' && personId !== null) {
        // Editing: the number typed belongs to someone else; say so on the field, keep the edits.
        form.setFields([{ name: 'idNumber', errors: [e.message] }]);
        return;
      }
      if (e instanceof ApiError && e.code === 'PERSON_EXISTS') {
        const other = (e.body.details as { id?: number } | undefined)?.id;
        setBanner(e.message);
        if (other) {
          setPersonId(other);
          setTab('enrolments');
        }
        return;
      }
      if (e instanceof ApiError) setBanner(showServerError(form, e, personFields));
    },
  });

  const entryPerson = useMemo(
    () => (person ? { idNumber: person.idNumber, birthDate: person.birthDate, dibao: person.dibao } : undefined),
    [person],
  );
  const enrolments = detail.data?.enrolments ?? [];
  const mine = new Set<string>(
    props.allPrograms ? Object.values(registers).flatMap((r) => r.programs) : registers[props.register].programs,
  );
  const title = person ? `${person.name}（${sexLabel(person.sex)}，${person.birthDate}）` : '新增人员';
  return (
    <Drawer open width={760} title={title} onClose={props.onClose} destroyOnHidden>
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'person',
            label: '人员信息',
            children: (
              <>
                {person?.idMasked ? (
                  <Space style={{ marginBottom: 12 }}>
                    <Typography.Text>身份证号：{reveal.data?.idNumber ?? person.idNumber}</Typography.Text>
                    {reveal.data ? null : (
                      <Button size="small" onClick={() => reveal.mutate()}>
                        查看完整号码（将记入操作日志）
                      </Button>
                    )}
                  </Space>
                ) : null}
                <PersonForm
                  form={form}
                  regions={regions.data ?? []}
                  readOnly={!props.canEdit || Boolean(person?.idMasked)}
                  idLocked={false}
                />
                {props.canEdit ? (
                  <div className="drawer-actions">
                    <Button type="primary" loading={savePerson.isPending} onClick={() => savePerson.mutate(false)}>
                      保存人员信息
                    </Button>
                  </div>
                ) : null}
              </>
            ),
          },
          {
            key: 'enrolments',
            label: `待遇记录（${enrolments.length}）`,
            disabled: personId === null,
            children: (
              <>
                {detail.isError ? <Alert type="error" title={errorText(detail.error)} /> : null}
                {person ? (
                  <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
                    <Descriptions.Item label="乡镇">{person.townshipName ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="村（社区）">{person.villageName ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="银行账号">{person.bankAccount ?? '—'}</Descriptions.Item>
                  </Descriptions>
                ) : null}
                {adding && personId !== null && props.canEdit ? (
                  <Card size="small" title="新增待遇记录" style={{ marginBottom: 12 }}>
                    <EnrolmentPanel
                      enrolment={null}
                      personId={personId}
                      register={props.register}
                      readOnly={false}
                      roles={props.roles}
                      person={entryPerson}
                      onSaved={() => {
                        setAdding(false);
                        saved(personId);
                      }}
                    />
                  </Card>
                ) : null}
                {detail.data ? (
                  <Collapse
                    defaultActiveKey={(enrolments.some((e) => mine.has(e.program))
                      ? enrolments.filter((e) => mine.has(e.program))
                      : enrolments
                    ).map((e) => String(e.id))}
                    items={[
                      ...enrolments.map((e) => ({
                        key: String(e.id),
                        label: (
                          <Space>
                            {programLabels[e.program]}
                            <Tag color={e.status === 'active' ? 'green' : e.status === 'stopped' ? 'default' : 'blue'}>
                              {statusLabels[e.status]}
                            </Tag>
                            {mine.has(e.program) ? null : <Tag>其他项目</Tag>}
                          </Space>
                        ),
                        children: (
                          <EnrolmentPanel
                            enrolment={e}
                            personId={e.personId}
                            register={props.register}
                            readOnly={!props.canEdit}
                            roles={props.roles}
                            person={entryPerson}
                            onSaved={() => saved(e.personId)}
                          />
                        ),
                      })),
                    ]}
                  />
                ) : null}
                {props.canEdit && !adding && personId !== null ? (
                  <Button style={{ marginTop: 12 }} onClick={() => setAdding(true)}>
                    新增待遇记录
                  </Button>
                ) : null}
              </>
            ),
          },
          {
            key: 'documents',
            label: '文书打印',
            disabled: personId === null,
            children: personId !== null ? <PersonDocuments personId={personId} /> : null,
          },
        ]}
      />
    </Drawer>
  );
}
