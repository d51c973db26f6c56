import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
  type FormInstance,
} from 'antd';
import { useState } from 'react';
import type { BankTemplate } from '../../../../shared/contract/payouts';
import { ApiError, call, errorText } from '../../api/client';
import { TemplatePreview } from './TemplatePreview';
import {
  bankEncodingLabels,
  bankFieldLabels,
  bankFormatLabels,
  blankTemplate,
  defaultHeader,
  fileNameVars,
  type BankEncoding,
  type BankField,
  type BankFormat,
} from './templateLabels';
import type { DraftColumn } from './templatePreview';

export type StoredTemplate = BankTemplate & { id: number };

interface FormValues {
  name: string;
  format: BankFormat;
  encoding: BankEncoding;
  headerRow: boolean;
  fileNamePattern: string;
  columns: DraftColumn[];
}

const fieldOptions = (Object.keys(bankFieldLabels) as BankField[]).map((f) => ({
  value: f,
  label: bankFieldLabels[f],
}));
const formatOptions = (Object.keys(bankFormatLabels) as BankFormat[]).map((f) => ({
  value: f,
  label: bankFormatLabels[f],
}));
const encodingOptions = (Object.keys(bankEncodingLabels) as BankEncoding[]).map((e) => ({
  value: e,
  label: bankEncodingLabels[e],
}));
const defaultHeaders = new Set(fieldOptions.map((o) => defaultHeader(o.value)));

function toInput(v: FormValues, id: number | undefined): BankTemplate {
  return {
    ...(id === undefined ? {} : { id }),
    name: v.name.trim(),
    format: v.format,
    encoding: v.encoding,
    headerRow: v.headerRow,
    fileNamePattern: v.fileNamePattern.trim(),
    columns: v.columns.map((c) => ({
      field: c.field ?? 'seq',
      header: (c.header ?? '').trim(),
      ...(c.width ? { width: c.width } : {}),
    })),
  };
}

/**
 * Puts a refusal of bank.saveTemplate where it belongs: a name clash on the name,
 * a missing fixed width on each empty width; the message is returned for the banner
 * unless it sits on the name field.
 */
function placeRefusal(form: FormInstance<FormValues>, e: unknown): string {
  if (!(e instanceof ApiError) || e.code !== 'INVALID_INPUT') return errorText(e);
  const [label, ...rest] = e.message.split('：');
  // The service says 模板名称; the dispatcher's schema check labels the same field 姓名.
  if (label === '模板名称' || label === '姓名') {
    form.setFields([{ name: 'name', errors: [rest.join('：')] }]);
    return '';
  }
  if (label === '列宽') {
    const columns = form.getFieldValue('columns') as DraftColumn[] | undefined;
    form.setFields(
      (columns ?? []).flatMap((c, i) => (c.width ? [] : [{ name: ['columns', i, 'width'], errors: ['请填写宽度'] }])),
    );
  }
  return e.message;
}

function ColumnsEditor({ form, readOnly }: { form: FormInstance<FormValues>; readOnly: boolean }) {
  return (
    <Form.List
      name="columns"
      rules={[
        {
          validator: (_r, cols: unknown[] | undefined) =>
            cols && cols.length > 0 ? Promise.resolve() : Promise.reject(new Error('至少需要一列')),
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div role="list" aria-label="文件各列" style={{ display: 'flex', flexDirection: 'column' }}>
          {fields.map((f, i) => (
            <div
              key={f.key}
              role="listitem"
              aria-label={`第 ${i + 1} 列`}
              style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}
            >
              <span style={{ width: 52, lineHeight: '32px', color: '#666' }}>第 {i + 1} 列</span>
              <Form.Item
                name={[f.name, 'field']}
                rules={[{ required: true, message: '请选择内容' }]}
                style={{ marginBottom: 12 }}
              >
                <Select
                  aria-label={`第 ${i + 1} 列内容`}
                  style={{ width: 150 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={fieldOptions}
                  placeholder="内容"
                  onChange={(v: BankField) => {
                    const header = form.getFieldValue(['columns', f.name, 'header']) as string | undefined;
                    if (!header?.trim() || defaultHeaders.has(header.trim()))
                      form.setFieldValue(['columns', f.name, 'header'], defaultHeader(v));
                  }}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'header']}
                rules={[
                  { required: true, whitespace: true, message: '请填写列标题' },
                  { max: 30, message: '列标题不能超过 30 个字' },
                ]}
                style={{ marginBottom: 12 }}
              >
                <Input aria-label={`第 ${i + 1} 列列标题`} style={{ width: 150 }} placeholder="列标题" />
              </Form.Item>
              <Form.Item
                name={[f.name, 'width']}
                rules={[{ type: 'integer', min: 1, max: 80, message: '宽度应为 1–80 字节' }]}
                style={{ marginBottom: 12 }}
              >
                <InputNumber
                  aria-label={`第 ${i + 1} 列宽度`}
                  style={{ width: 120 }}
                  min={1}
                  max={80}
                  precision={0}
                  suffix="字节"
                  placeholder="宽度"
                />
              </Form.Item>
              {readOnly ? null : (
                <Space.Compact>
                  <Button
                    aria-label={`第 ${i + 1} 列上移`}
                    title="上移"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  />
                  <Button
                    aria-label={`第 ${i + 1} 列下移`}
                    title="下移"
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  />
                  <Button
                    aria-label={`删除第 ${i + 1} 列`}
                    title="删除"
                    icon={<DeleteOutlined />}
                    danger
                    onClick={() => remove(f.name)}
                  />
                </Space.Compact>
              )}
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          {readOnly ? null : (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ width: 200 }}
              disabled={fields.length >= 30}
              onClick={() => add({ field: undefined, header: '', width: undefined })}
            >
              添加列
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

/** Edits one template (or a new one); read-only for those who may not change templates. */
export function TemplateForm({
  template,
  readOnly,
  onSaved,
}: {
  template: StoredTemplate | null;
  readOnly: boolean;
  onSaved: (t: StoredTemplate) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState('');
  const initial: FormValues = {
    ...(template ?? blankTemplate),
    columns: (template ?? blankTemplate).columns.map((c) => ({ ...c })),
  };
  const draft = {
    format: Form.useWatch('format', form),
    encoding: Form.useWatch('encoding', form),
    headerRow: Form.useWatch('headerRow', form),
    columns: Form.useWatch('columns', form),
    fileNamePattern: Form.useWatch('fileNamePattern', form),
  };
  const save = useMutation({
    mutationFn: (v: FormValues) => call('bank.saveTemplate', toInput(v, template?.id)),
    onSuccess: (t) => {
      void message.success(`已保存银行文件模板“${t.name}”`);
      // Shown at once (the editor follows the saved template), then read back.
      queryClient.setQueryData<StoredTemplate[]>(['bank.templates'], (old = []) =>
        old.some((x) => x.id === t.id) ? old.map((x) => (x.id === t.id ? t : x)) : [...old, t],
      );
      void queryClient.invalidateQueries({ queryKey: ['bank.templates'] });
      onSaved(t);
    },
    onError: (e) => setRefusal(placeRefusal(form, e)),
  });
  return (
    <Form<FormValues>
      form={form}
      name="bankTemplate"
      layout="vertical"
      disabled={readOnly}
      initialValues={initial}
      onValuesChange={() => setRefusal('')}
      onFinish={(v) => save.mutate(v)}
      aria-label="模板内容"
    >
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Form.Item
          label="模板名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写模板名称' },
            { max: 40, message: '模板名称不能超过 40 个字' },
          ]}
        >
          <Input style={{ width: 240 }} placeholder="例如：农商银行代发（定长）" />
        </Form.Item>
        <Form.Item label="文件格式" name="format">
          <Radio.Group optionType="button" options={formatOptions} />
        </Form.Item>
        <Form.Item label="字符编码" name="encoding">
          <Radio.Group optionType="button" options={encodingOptions} />
        </Form.Item>
        <Form.Item label="列标题行" name="headerRow" valuePropName="checked">
          <Checkbox>首行写列标题</Checkbox>
        </Form.Item>
      </div>
      <Form.Item
        label="文件名"
        name="fileNamePattern"
        extra={`可用 ${fileNameVars.map((v) => `${v.token}（${v.label}）`).join('、')}；扩展名按文件格式自动添加。`}
        rules={[
          { required: true, whitespace: true, message: '请填写文件名' },
          { max: 80, message: '文件名不能超过 80 个字符' },
          { pattern: /^[^\\/:*?"<>|]+$/, message: '不能含有 \\ / : * ? " < > |' },
        ]}
      >
        <Input style={{ width: 420 }} />
      </Form.Item>
      <Typography.Title level={5}>文件各列</Typography.Title>
      <Typography.Paragraph type="secondary">
        宽度以字节计，定长文本（txt）每列必填；Excel 用作列宽，CSV 不使用。
      </Typography.Paragraph>
      <ColumnsEditor form={form} readOnly={readOnly} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        预览
      </Typography.Title>
      <TemplatePreview draft={draft} />
      {refusal ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={refusal} /> : null}
      {readOnly ? null : (
        <Space className="drawer-actions" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存模板
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setRefusal('');
            }}
          >
            放弃修改
          </Button>
        </Space>
      )}
    </Form>
  );
}
