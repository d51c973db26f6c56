import { describe, expect, it } from 'vitest';
import { contract, describeIssues, errorMessages, installChineseErrors, roles } from '../../shared/contract';
import { handlers } from '../../electron/ipc/handlers';

describe('the IPC contract', () => {
  it('has one handler for every channel and no handler without a channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('names every channel domain.verb and gives it a Chinese title and a valid access rule', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(def.title).toMatch(/[\u4e00-\u9fff]/);
      if (def.access.kind === 'roles') for (const r of def.access.roles) expect(roles).toContain(r);
    }
  });

  it('has a Chinese message for every error code', () => {
    for (const message of Object.values(errorMessages)) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('describes validation failures in Chinese, naming the field', () => {
    installChineseErrors();
    const r = contract['app.init'].input.safeParse({
      countyCode: '4201',
      countyName: '县',
      officeName: '某县民政局',
      admin: { username: '9x', displayName: '王', password: 'short' },
      extra: 1,
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      const text = describeIssues(r.error.issues);
      expect(text).toContain('县区代码：应为 6 位数字的县级行政区划代码');
      expect(text).toContain('县区名称：至少需要 2 个字符');
      expect(text).toContain('管理员 / 用户名：应为 2–32 位字母、数字、下划线或点，以字母开头');
      expect(text).toContain('管理员 / 密码：至少需要 8 个字符');
      expect(text).toContain('包含不认识的字段：extra');
    }
  });
});
