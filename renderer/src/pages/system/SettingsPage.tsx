import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import type { Settings } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';

export function SettingsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => call('settings.get', {}) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Settings) => call('settings.update', v),
    onSuccess: () => {
      void message.success('设置已保存');
      void queryClient.invalidateQueries();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <div className="page">
      <Card title="安全、备份与导入" size="small" style={{ maxWidth: 560 }} loading={settings.isPending}>
        <Form form={form} layout="horizontal" labelCol={{ span: 10 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item
            label="无操作自动锁定（分钟）"
            name="idleLockMinutes"
            rules={[{ required: true, message: '请填写自动锁定时间' }]}
          >
            <InputNumber min={1} max={240} precision={0} />
          </Form.Item>
          <Form.Item
            label="保留每日备份（份）"
            name="backupKeepDaily"
            rules={[{ required: true, message: '请填写保留份数' }]}
          >
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
          <Form.Item
            label="保留每月备份（份）"
            name="backupKeepMonthly"
            rules={[{ required: true, message: '请填写保留份数' }]}
          >
            <InputNumber min={0} max={120} precision={0} />
          </Form.Item>
          <Form.Item
            label="导入文件大小上限（MB）"
            name="importMaxMegabytes"
            rules={[{ required: true, message: '请填写导入文件大小上限' }]}
            extra="超过此大小的表格文件不予导入"
          >
            <InputNumber min={0.1} max={200} precision={1} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      </Card>
    </div>
  );
}
