import { z } from 'zod';
import { fieldLabel } from './fields';

let installed = false;

/**
 * Clerk-readable Chinese for the common validation failures; zod's own zh-CN
 * locale covers the rest. Called once by main, the CLI and the renderer.
 */
export function installChineseErrors(): void {
  if (installed) return;
  installed = true;
  z.config(z.locales.zhCN());
  z.config({
    customError: (issue) => {
      switch (issue.code) {
        case 'too_small':
          if (issue.origin === 'string') return issue.minimum === 1 ? '不能为空' : `至少需要 ${issue.minimum} 个字符`;
          return undefined;
        case 'too_big':
          if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字符`;
          return undefined;
        case 'invalid_type':
          return issue.input === undefined ? '必须填写' : '类型不正确';
        case 'unrecognized_keys':
          return `包含不认识的字段：${issue.keys.join('、')}`;
        default:
          return undefined;
      }
    },
  });
}

/** One message naming each bad field, e.g. "县区代码：应为 6 位数字的县级行政区划代码". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${fieldLabel(i.path)}：${i.message}` : i.message))
    .join('；');
}
