/**
 * Chinese names of input fields, so a validation message can say which field is
 * wrong ("县区代码：…") rather than print a property path.
 */
export const fieldLabels: Record<string, string> = {
  countyCode: '县区代码',
  countyName: '县区名称',
  officeName: '单位名称',
  passphrase: '口令',
  admin: '管理员',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  roles: '角色',
  recoveryCode: '恢复码',
  reason: '原因',
  from: '起始日期',
  to: '截止日期',
  limit: '条数',
  offset: '起始位置',
  idleLockMinutes: '自动锁定时间',
  backupKeepDaily: '保留每日备份',
  backupKeepMonthly: '保留每月备份',
  id: '编号',
  choose: '选择文件夹',
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 行` : fieldLabels[String(p)] ?? String(p)));
  return parts.join(' / ');
}
