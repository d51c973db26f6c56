import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio } from 'antd';
import { useEffect } from 'react';
import type { DocumentSettings } from '../../../../shared/contract';
import { programLabels, programs } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';

/**
 * 文书设置: the office's wording on every notice and certificate. Numbers already
 * issued keep their pattern; a new pattern applies to the next number taken.
 */
export function DocumentSettingsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentSettings>();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['document.settings'], queryFn: () => call('document.settings', {}) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    // Untouched program fields come back undefined; only the ones with words are kept.
    mutationFn: (v: DocumentSettings) =>
      call('document.saveSettings', {
        ...v,
        legalBasis: Object.fromEntries(Object.entries(v.legalBasis ?? {}).filter(([, t]) => typeof t === 'string')),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['document.settings'], saved);
      void message.success('文书设置已保存');
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const patternHelp = '{p} 为项目简称，{year} 为年份，{seq4} 为四位流水号';
  return (
    <div className="page">
      <Card title="文书设置" size="small" style={{ maxWidth: 760 }} loading={settings.isPending}>
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item label="发文单位" name="officeName" extra="留空时使用初始化时填写的单位名称">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="单位地址" name="address">
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item label="联系电话" name="phone">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label="印章文字" name="sealText">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            label="救济途径告知"
            name="remedyClause"
            rules={[{ required: true, min: 10, message: '请填写申请行政复议、提起行政诉讼的告知（至少 10 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={400} />
          </Form.Item>
          {programs.map((p) => (
            <Form.Item key={p} label={`政策依据：${programLabels[p]}`} name={['legalBasis', p]}>
              <Input maxLength={300} />
            </Form.Item>
          ))}
          <Form.Item
            label="证书编号格式"
            name="certificatePattern"
            rules={[{ required: true, message: '请填写证书编号格式' }]}
            extra={patternHelp}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            label="通知书编号格式"
            name="noticePattern"
            rules={[{ required: true, message: '请填写通知书编号格式' }]}
            extra={patternHelp}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="待遇证版式" name="certificateLayout">
            <Radio.Group
              options={[
                { value: 'a4-two', label: 'A4 纸每页两张' },
                { value: 'a5-one', label: 'A5 纸每页一张' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      </Card>
    </div>
  );
}
