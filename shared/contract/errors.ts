/**
 * Stable error codes that cross the IPC boundary, each with the Chinese message a
 * user sees when the service gives no more specific one. Codes never change meaning
 * once released: scripts and tests match on them.
 */
export const errorMessages = {
  INVALID_INPUT: '输入的内容不正确',
  UNKNOWN_CHANNEL: '不支持的操作',
  NOT_SIGNED_IN: '请先登录',
  FORBIDDEN: '您的角色无权执行此操作',
  WRONG_PASSWORD: '用户名或密码不正确',
  WEAK_PASSWORD: '密码太短：至少需要 8 个字符',
  USER_LOCKED: '该用户因多次密码错误已被暂时锁定，请稍后再试',
  USER_DISABLED: '该用户已停用',
  SESSION_LOCKED: '屏幕已锁定，请输入密码解锁',
  SELF_APPROVAL: '不能审批自己录入的记录，须由另一名工作人员审批',
  USERNAME_TAKEN: '用户名已存在',
  USER_NOT_FOUND: '找不到该用户',
  LAST_ADMIN: '不能停用或降级最后一名管理员',
  WRONG_RECOVERY_CODE: '恢复码不正确',
  BACKUP_INVALID: '备份文件无效或已损坏',
  BACKUP_NOT_FOUND: '找不到该备份',
  BACKUP_FAILED: '备份失败：无法写入备份文件夹（磁盘已满或没有写入权限？）',
  BACKUP_OTHER_KEY: '该备份使用另一把密钥加密（更换密钥之前的备份）：请输入备份当时有效的密码',
  REKEY_FAILED: '更换数据库密钥失败，数据库仍使用原来的密钥',
  CANCELLED: '操作已取消',
  PERSON_EXISTS: '该身份证号已经登记',
  PERSON_NOT_FOUND: '找不到该人员',
  ENROLMENT_NOT_FOUND: '找不到该待遇记录',
  ENROLMENT_EXISTS: '该人员在此项目中已有未终止的记录',
  OVERLAP_FORBIDDEN: '与已享受的待遇不可兼得',
  BATCH_NOT_FOUND: '找不到该发放批次',
  BATCH_STATE: '发放批次当前状态不能办理此项',
  PRINT_UNAVAILABLE: '本机无法打印，请另存为 PDF 后打印',
  ILLEGAL_TRANSITION: '当前状态下不能办理此项',
  NOT_INITIALIZED: '数据目录尚未初始化，请先完成初始设置',
  ALREADY_INITIALIZED: '数据目录已经初始化，不能重复初始化',
  KEYFILE_MISSING: '找不到密钥文件，无法打开数据库',
  KEYFILE_INVALID: '密钥文件已损坏或格式不正确',
  KEY_SLOT_DAMAGED: '该用户的密钥槽已损坏（不是密码错误，不计入锁定次数）：请管理员为您重设密码，或用恢复码重设',
  DB_MISSING: '找不到数据库文件；为保护数据，程序不会自动新建数据库',
  DB_WRONG_KEY: '数据库密钥不正确，无法解密数据库',
  DB_CORRUPT: '数据库文件已损坏或不完整，请从备份恢复',
  DB_TOO_NEW: '数据库由更新版本的程序创建，请升级本程序后再打开',
  DB_BUSY: '数据库正被其他程序占用，请稍后再试',
  AUDIT_BEHIND: '最近的操作记录缺失：数据库落后于审计锚点，请从备份恢复',
  DB_DISK_FULL:
    '磁盘已满，数据库无法写入：数据没有损坏，不需要从备份恢复。请清理数据目录所在磁盘的空间（删除不用的文件）后再试',
  DB_IO_ERROR:
    '读写数据库时磁盘出错：数据库所在的磁盘可能已满、已断开或有故障。请检查磁盘并清理空间后再试，不要急于从备份恢复',
  INTERNAL: '程序内部错误，请联系管理员',
  FILE_TOO_LARGE: '文件超过了设置的大小上限',
  FILE_TYPE: '不支持这种文件，请选择 .xlsx、.xls 或 .csv 表格',
  FILE_UNREADABLE: '无法读取该文件，文件可能已损坏',
  FILE_UNSAFE: '文件内容异常（疑似压缩炸弹或尺寸异常），已拒绝读取',
  FILE_EMPTY: '表格中没有任何内容',
  HEADER_NOT_FOUND: '找不到表头，请检查表格或手动指定列',
  DISK_FULL: '磁盘已满：请清理磁盘空间或换一个位置后再试',
  DIR_MISSING: '目录不存在：请重新选择保存位置',
  NO_PERMISSION: '没有写入权限：请换一个位置保存',
  FILE_IN_USE: '文件被其他程序占用：请关闭打开该文件的程序（如 Excel、WPS）后再试',
  DEVICE_ERROR: '写入设备出错：U 盘或移动硬盘是否已拔出？',
  FILE_EXISTS: '同名文件已存在：请确认覆盖或换一个文件名',
  TARGET_IN_DATA_DIR: '不能保存到程序的数据目录中：请另选一个文件夹',
  JOB_RUNNING: '已有同类任务正在进行，请等它完成后再试',
  JOB_NOT_FOUND: '找不到该任务（可能已经结束）',
  DATA_ON_NETWORK: '数据目录位于网络驱动器上：加密数据库只能保存在本机磁盘',
  SERVICE_RESTARTED: '后台服务意外中断，已自动重新启动；请重新登录后再试（未完成的操作没有保存）',
  BATCH_EMPTY: '本期没有应发放的款项，未生成批次',
  DOCUMENT_NOT_GENUINE: '证件核验未通过',
  SIGNING_KEY_MISSING: '本县尚未生成签名密钥：请由管理员或局长登录一次后再试',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorMessages, value);
}
