/** Chinese names for audit actions and entities; unknown ones show as recorded. */
const actions: Record<string, string> = {
  'app.init': '初始设置',
  'user.add': '新增用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.resetPassword': '重设密码',
  'user.passwordChanged': '修改密码',
  'user.passwordRecovered': '凭恢复码重设密码',
  'login.succeeded': '登录成功',
  'login.failed': '登录失败',
  'login.lockedOut': '连续失败被锁定',
  'login.refusedLocked': '锁定期间尝试登录',
  'login.refusedDisabled': '停用用户尝试登录',
  'session.locked': '锁定屏幕',
  'session.unlocked': '解锁屏幕',
  'session.logout': '退出登录',
  'access.denied': '越权操作被拒绝',
  'settings.update': '修改系统设置',
  'backup.create': '备份',
  'backup.restore': '恢复备份',
  'key.rekey': '更换数据库密钥',
  'standard.add': '新增补贴标准',
  'standard.update': '修改补贴标准',
  'policy.add': '新增政策设置',
  'policy.update': '修改政策设置',
  'check.dismiss': '忽略预警',
  'person.death': '登记死亡',
  'deaths.import': '导入死亡名单',
  'person.revealId': '查看完整身份证号',
  'export.table': '导出表格',
};

const entities: Record<string, string> = {
  app: '系统',
  user: '用户',
  session: '登录',
  channel: '功能',
  settings: '设置',
  backup: '备份',
  key: '密钥',
  standard: '补贴标准',
  policy_setting: '政策设置',
};

export const actionLabel = (a: string) => actions[a] ?? a;
export const entityLabel = (e: string) => entities[e] ?? e;
export const entityOptions = Object.entries(entities).map(([value, label]) => ({ value, label }));
