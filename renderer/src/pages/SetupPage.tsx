import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Divider, Form, Input, Typography } from 'antd';
import type { AppInfo } from '../../../shared/contract';
import { call, errorText } from '../api/client';
import { NewPasswordFields } from './auth/NewPasswordFields';
import { usernameRules } from './auth/rules';
import { countyByCode, CountyPicker, useDivisions } from './setup/CountyPicker';
import { DataFolder } from './setup/DataFolder';

interface SetupForm {
  countyCode: string;
  countyName: string;
  officeName: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  nationalRegions: boolean;
}

/** First start: the county, the office and the first administrator. */
export function SetupPage({ onDone }: { onDone: (recoveryCode: string, info: AppInfo) => void }) {
  const [form] = Form.useForm<SetupForm>();
  const divisions = useDivisions();
  const countyCode = Form.useWatch('countyCode', form);
  const setCountyName = (name: string) => {
    form.setFieldValue('countyName', name);
    if (!form.isFieldTouched('officeName')) form.setFieldValue('officeName', `${name}民政局`);
  };
  const init = useMutation({
    mutationFn: (v: SetupForm) =>
      call('app.init', {
        countyCode: v.countyCode,
        countyName: v.countyName,
        officeName: v.officeName,
        admin: { username: v.username, displayName: v.displayName, password: v.password },
        regions: v.nationalRegions ? 'national' : 'none',
      }),
    onSuccess: (r) => onDone(r.recoveryCode, r.info),
  });

  return (
    <div className="centered">
      <Card style={{ width: 520, margin: '24px 0' }}>
        <Typography.Title level={3}>初始设置</Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用：填写本单位信息并设立第一位系统管理员。数据库将用随机密钥加密，密钥只以各用户密码保护的形式保存。
        </Typography.Paragraph>
        {init.isError ? (
          <Alert type="error" showIcon title={errorText(init.error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ nationalRegions: true }}
          onFinish={(v) => init.mutate(v)}
          onValuesChange={(changed: Partial<SetupForm>) => {
            if (changed.countyName !== undefined && !form.isFieldTouched('officeName'))
              form.setFieldValue('officeName', `${changed.countyName}民政局`);
            // A code typed by hand still finds its name in the national list.
            const typed = changed.countyCode ? countyByCode(divisions.data, changed.countyCode) : null;
            if (typed && !form.isFieldTouched('countyName')) setCountyName(typed.name);
          }}
        >
          <DataFolder />
          <Form.Item label="选择县区" htmlFor="setup-county-picker">
            <CountyPicker
              value={countyCode}
              onPick={(c) => {
                form.setFieldValue('countyCode', c.code);
                setCountyName(c.name);
                void form.validateFields(['countyCode', 'countyName']);
              }}
            />
          </Form.Item>
          <Form.Item
            label="县区代码"
            name="countyCode"
            rules={[
              { required: true, message: '请填写县区代码' },
              { pattern: /^\d{6}$/, message: '县区代码应为 6 位数字的县级行政区划代码' },
            ]}
          >
            <Input placeholder="例如 420102" maxLength={6} />
          </Form.Item>
          <Form.Item
            label="县区名称"
            name="countyName"
            rules={[
              { required: true, message: '请填写县区名称' },
              { min: 2, message: '县区名称至少 2 个字' },
            ]}
          >
            <Input placeholder="例如 江岸区" maxLength={40} />
          </Form.Item>
          <Form.Item
            label="单位名称"
            name="officeName"
            rules={[
              { required: true, message: '请填写单位名称' },
              { min: 2, message: '单位名称至少 2 个字' },
            ]}
          >
            <Input placeholder="例如 江岸区民政局" maxLength={60} />
          </Form.Item>
          <Form.Item name="nationalRegions" valuePropName="checked">
            <Checkbox>载入本县区的乡镇（街道）和村（社区）名单（统计用区划代码 2023），之后可增改、停用</Checkbox>
          </Form.Item>
          <Divider titlePlacement="start" plain>
            系统管理员
          </Divider>
          <Form.Item label="用户名" name="username" rules={usernameRules}>
            <Input placeholder="例如 admin" maxLength={32} autoComplete="username" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <NewPasswordFields name="password" label="密码" confirmLabel="确认密码" />
          <Button type="primary" htmlType="submit" block loading={init.isPending}>
            创建加密数据库
          </Button>
        </Form>
      </Card>
    </div>
  );
}
