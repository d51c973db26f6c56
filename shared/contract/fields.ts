/**
 * Chinese names of input fields, so a validation message can say which field is
 * wrong ("县区代码：…") rather than print a property path.
 */
export const fieldLabels: Record<string, string> = {
  countyCode: '县区代码',
  countyName: '县区名称',
  officeName: '单位名称',
  passphrase: '口令',
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 行` : fieldLabels[String(p)] ?? String(p)));
  return parts.join(' / ');
}
