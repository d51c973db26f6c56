import type { FormInstance } from 'antd';
import { fieldLabels } from '../../../../shared/contract';
import { ApiError, errorText } from '../../api/client';

const byLabel = new Map(Object.entries(fieldLabels).map(([k, v]) => [v, k]));
// Form names that differ from the contract's: the village is picked in the 乡镇/村 cascader.
const extra: Record<string, string> = { 残疾人证号: 'certificateNumber', '村（社区）': 'region' };

/**
 * Puts a server refusal ("身份证号：…") on the field it names; anything not tied
 * to a field is returned for a banner.
 */
export function showServerError(form: FormInstance, e: unknown, fields: readonly string[]): string | null {
  if (e instanceof ApiError && e.code === 'INVALID_INPUT') {
    const [label, ...rest] = e.message.split('：');
    const name = label ? (extra[label] ?? byLabel.get(label.split(' / ').at(-1) ?? '')) : undefined;
    if (name && fields.includes(name)) {
      form.setFields([{ name, errors: [rest.join('：')] }]);
      return null;
    }
  }
  return errorText(e);
}
