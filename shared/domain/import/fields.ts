import { normalizeHeader, type AliasTable, type GroupTable } from './header';

/** The columns a register roster may carry, each with the Chinese label the report uses. */
export const registerFieldLabels = {
  name: '姓名',
  idNumber: '身份证号',
  sex: '性别',
  birthDate: '出生日期',
  certificate: '残疾人证号',
  category: '残疾类别',
  grade: '残疾等级',
  bankAccount: '银行账号',
  bankName: '开户行',
  accountHolderName: '持卡人姓名',
  accountHolderId: '持卡人身份证号',
  township: '乡镇（街道）',
  village: '村（社区）',
  villageCode: '区划代码',
  address: '住址',
  phone: '联系电话',
  ethnicity: '民族',
  dibao: '低保情况',
  appliedOn: '申请日期',
  childMode: '养育方式',
  guardianName: '监护人姓名',
  guardianIdNumber: '监护人身份证号',
  guardianRelation: '与监护人关系',
  guardianPhone: '监护人电话',
  note: '备注',
} as const;
export type RegisterField = keyof typeof registerFieldLabels;
export const registerFields = Object.keys(registerFieldLabels) as RegisterField[];

export function isRegisterField(value: unknown): value is RegisterField {
  return typeof value === 'string' && Object.hasOwn(registerFieldLabels, value);
}

const raw: Record<RegisterField, string[]> = {
  name: [
    '姓名',
    '名字',
    '申请人姓名',
    '申请人',
    '残疾人姓名',
    '老人姓名',
    '儿童姓名',
    '孤儿姓名',
    '补贴对象姓名',
    '对象姓名',
  ],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号',
    '公民身份证号码',
    '居民身份证号',
    '居民身份证号码',
    '身份证',
    '证件号码',
    '身份号码',
    '申请人身份证号',
    '申请人身份证号码',
    ...['儿童', '老人', '本人', '残疾人', '孤儿', '补贴对象'].flatMap((w) => [`${w}身份证号`, `${w}身份证号码`]),
  ],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日', '出生年月'],
  certificate: ['残疾证号', '残疾人证号', '残疾证号码', '残疾人证号码', '残疾证编号', '残疾人证编号', '残疾证'],
  category: ['残疾类别', '残疾类型', '残疾种类', '类别'],
  grade: ['残疾等级', '残疾级别', '等级', '级别'],
  bankAccount: [
    '一卡通账号',
    '一卡通帐号',
    '银行账号',
    '银行帐号',
    '卡号',
    '银行卡号',
    '账号',
    '帐号',
    '一卡通号',
    '一卡通卡号',
    '社保卡号',
    '社会保障卡号',
    '惠民惠农一卡通账号',
    '存折账号',
    '收款账号',
  ],
  bankName: ['开户行', '开户银行', '开户行名称', '银行名称', '代发银行'],
  accountHolderName: ['持卡人', '持卡人姓名', '户名', '账户名', '账户名称', '开户人', '开户人姓名'],
  accountHolderId: ['持卡人身份证号', '持卡人身份证号码', '开户人身份证号'],
  township: [
    '乡镇',
    '街道',
    '乡镇(街道)',
    '乡镇街道',
    '乡(镇、街道)',
    '乡镇(街)',
    '所属乡镇',
    '所在乡镇',
    '镇',
    '乡镇名称',
    '街道(乡镇)',
  ],
  village: [
    '村',
    '社区',
    '村(社区)',
    '村社区',
    '村(居)',
    '村居',
    '所属村',
    '所在村',
    '村(居)委会',
    '村委会',
    '居委会',
    '村名',
    '社区(村)',
  ],
  villageCode: ['区划代码', '村代码', '村(社区)代码', '行政区划代码'],
  address: ['住址', '家庭住址', '地址', '详细地址', '户籍地址', '居住地址'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式'],
  ethnicity: ['民族'],
  dibao: ['低保', '低保情况', '是否低保', '低保类型', '是否享受低保', '低保户'],
  appliedOn: ['申请日期', '申请时间', '申请年月'],
  childMode: ['养育方式', '供养方式', '安置方式', '抚养方式'],
  guardianName: ['监护人', '监护人姓名'],
  guardianIdNumber: ['监护人身份证号', '监护人身份证号码', '监护人公民身份号码'],
  guardianRelation: ['与监护人关系', '监护人关系', '与儿童关系', '关系'],
  guardianPhone: ['监护人电话', '监护人联系电话', '监护人手机'],
  note: ['备注', '说明'],
};

/** Header variants offices use for each field, normalised once. */
export const registerAliases: AliasTable<RegisterField> = Object.fromEntries(
  Object.entries(raw).map(([k, list]) => [k, [...new Set(list.map(normalizeHeader))]]),
) as unknown as AliasTable<RegisterField>;

/** Headers that name the person (儿童身份证号, 本人姓名 …): such a column is the person's, whatever else matches. */
export const PERSON_QUALIFIER = /^(儿童|老人|本人|残疾人|孤儿|申请人|补贴对象|对象)/;

const guardian = {
  name: 'guardianName',
  idNumber: 'guardianIdNumber',
  phone: 'guardianPhone',
  guardianRelation: 'guardianRelation',
} as const;
const holder = { name: 'accountHolderName', idNumber: 'accountHolderId' } as const;

/** Group labels of two-row headers: their sub-columns belong to the group, never to the person. */
export const registerGroups: GroupTable<RegisterField> = Object.fromEntries(
  [
    ...['监护人', '法定监护人', '监护人员'].map((g) => [g, guardian] as const),
    ...['代领人', '开户人', '持卡人', '账户持有人', '领款人', '代理人', '收款人'].map((g) => [g, holder] as const),
  ].map(([g, m]) => [normalizeHeader(g), m]),
);

/** Fields without which a row cannot be a person of the register. */
export const requiredRegisterFields: readonly RegisterField[] = ['name', 'idNumber'];
