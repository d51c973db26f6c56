import { Form, Input } from 'antd';
import { confirmRule, passwordRules } from './rules';

/** A new password typed twice, as every form that sets one asks for it. */
export function NewPasswordFields({
  name,
  label,
  confirmLabel,
}: {
  name: string;
  label: string;
  confirmLabel: string;
}) {
  return (
    <>
      <Form.Item label={label} name={name} rules={passwordRules}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={confirmLabel} name="confirm" dependencies={[name]} rules={confirmRule(name)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
