import type { FormRule } from 'antd';

export const usernameRules: FormRule[] = [
  { required: true, message: '请填写用户名' },
  { pattern: /^[A-Za-z][A-Za-z0-9_.-]{1,31}$/, message: '用户名应为 2–32 位字母、数字、下划线或点，以字母开头' },
];

export const passwordRules: FormRule[] = [
  { required: true, message: '请设置密码' },
  { min: 8, message: '密码至少需要 8 个字符' },
];

export function confirmRule(field: string): FormRule[] {
  return [
    { required: true, message: '请再次输入密码' },
    ({ getFieldValue }) => ({
      validator: (_r, value) =>
        !value || getFieldValue(field) === value
          ? Promise.resolve()
          : Promise.reject(new Error('两次输入的密码不一致')),
    }),
  ];
}
