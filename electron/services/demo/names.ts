import { Weighted, type Rng } from './random';

/*
 * Word lists for the demo county. Weights are rough shares per thousand people;
 * they only need to look plausible on a register page, not to match a census.
 */

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 20],
  ['吴', 19],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['高', 11],
  ['林', 11],
  ['罗', 10],
  ['郑', 9],
  ['梁', 9],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['韩', 7],
  ['冯', 7],
  ['邓', 7],
  ['曹', 7],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 4],
  ['姜', 4],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 3],
  ['韦', 3],
  ['付', 3],
  ['方', 3],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['钱', 2],
  ['严', 2],
  ['覃', 1],
  ['武', 1],
  ['戴', 1],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['汤', 1],
  // Surnames that read differently from the character's common reading, and compound ones: they exercise pinyin search.
  ['单', 0.5],
  ['解', 0.3],
  ['仇', 0.3],
  ['查', 0.3],
  ['欧阳', 0.5],
  ['上官', 0.2],
  ['司马', 0.2],
  ['诸葛', 0.1],
];
const surnames = new Weighted(SURNAMES);

/** Given-name characters by generation: a name says roughly when someone was born. */
const GIVEN_TEXT = {
  old: {
    M: '德福贵富发财荣华国建明忠义成才生山林祥顺海春金宝学文长永友喜清树广庆全保玉桂和秋云汉先家',
    F: '秀英兰芳珍桂凤翠花梅莲香玉淑琴云素菊娥霞金银爱春月巧仙彩荷群秋',
  },
  middle: {
    M: '军伟强勇斌涛刚平辉波峰鹏杰磊超俊亮红华兵明志东林文建新宏卫国海军斌',
    F: '红丽静敏燕艳娟霞琳萍玲华英芳慧丹颖洁晶莉琼雪梅菊芬蓉青',
  },
  young: {
    M: '浩宇轩子涵梓睿博泽一诺晨嘉俊逸辰昊然航阳铭宸皓鑫豪瑞杰思文',
    F: '欣怡雨萱思琪涵梓诺嘉佳瑶婷馨彤悦可妍语紫若雯晴依欢心一',
  },
} as const;
type Generation = keyof typeof GIVEN_TEXT;
const GIVEN: Record<Generation, Record<'M' | 'F', string[]>> = {
  old: { M: [...GIVEN_TEXT.old.M], F: [...GIVEN_TEXT.old.F] },
  middle: { M: [...GIVEN_TEXT.middle.M], F: [...GIVEN_TEXT.middle.F] },
  young: { M: [...GIVEN_TEXT.young.M], F: [...GIVEN_TEXT.young.F] },
};

/** Uyghur names in Chinese transcription: given name · father's name. */
const MINORITY = {
  M: ['买买提', '阿不都', '艾尔肯', '吐尔逊', '艾力', '热合曼', '亚森', '努尔'],
  F: ['古丽', '热依拉', '阿依古丽', '帕提古丽', '米娜瓦尔', '再努尔'],
  father: ['艾力', '买买提', '热合曼', '吐尔逊', '卡德尔', '艾山', '阿布都', '亚森'],
} as const;

const ETHNICITIES = new Weighted<string>([
  ['汉族', 955],
  ['土家族', 18],
  ['回族', 9],
  ['苗族', 8],
  ['满族', 4],
  ['蒙古族', 3],
  ['壮族', 3],
]);

export interface DemoName {
  name: string;
  surname: string;
  ethnicity: string;
}

function generation(birthYear: number): Generation {
  return birthYear < 1950 ? 'old' : birthYear < 1995 ? 'middle' : 'young';
}

/** A plausible name for someone of this sex and birth year; `surname` keeps a family name (a guardian uncle). */
export function drawName(rng: Rng, sex: 'M' | 'F', birthYear: number, surname?: string): DemoName {
  if (!surname && rng.chance(0.003)) {
    const given = rng.pick(MINORITY[sex]);
    return { name: `${given}·${rng.pick(MINORITY.father)}`, surname: given, ethnicity: '维吾尔族' };
  }
  const family = surname ?? surnames.draw(rng);
  const chars = GIVEN[generation(birthYear)][sex];
  const first = rng.pick(chars);
  // One-character given names were common before the 1990s, rarer since.
  const single = rng.chance(birthYear < 1990 ? 0.3 : 0.12);
  const given = single ? first : first + rng.pick(chars);
  return { name: family + given, surname: family, ethnicity: ETHNICITIES.draw(rng) };
}

/* Regions: township names are a place word plus 街道 / 镇 / 乡; villages and communities likewise. */
export const TOWNSHIP_WORDS = [
  '花桥',
  '新洲',
  '青山',
  '柳河',
  '石门',
  '龙泉',
  '白沙',
  '双河',
  '清水',
  '金山',
  '永安',
  '太平',
  '长岭',
  '桃源',
  '马鞍',
  '杨柳',
  '黄湾',
  '高桥',
  '三里',
  '东湖',
  '西塘',
  '南湖',
  '北山',
  '凤凰',
  '仙女',
  '沙河',
  '枫林',
  '平湖',
  '陈店',
  '朱家',
] as const;

export const VILLAGE_WORDS = [
  '光华',
  '幸福',
  '团结',
  '红星',
  '胜利',
  '和平',
  '新华',
  '友谊',
  '东风',
  '建设',
  '向阳',
  '前进',
  '民主',
  '联合',
  '长丰',
  '五一',
  '永丰',
  '新民',
  '三合',
  '金星',
  '红光',
  '丰收',
  '群力',
  '先锋',
  '新建',
  '兴隆',
  '富强',
  '安乐',
  '福星',
  '明珠',
  '桂花',
  '荷塘',
  '李家湾',
  '王家店',
  '张家岭',
  '刘家畈',
  '杨林',
  '石桥',
  '大塘',
  '小河',
  '岗头',
  '山口',
  '白果树',
  '柏树',
  '竹园',
  '梨园',
  '桃花',
  '何家湾',
  '周家嘴',
  '黄土坡',
] as const;

export const ROADS = [
  '建设路',
  '解放大道',
  '人民路',
  '中山路',
  '胜利街',
  '新华路',
  '和平大道',
  '工农路',
  '青年路',
  '发展大道',
  '沿江大道',
  '花园路',
] as const;

/** Banks that pay benefits in a county, with card prefixes (BINs) and card lengths they issue. */
export const BANKS = new Weighted<{ name: string; bins: readonly string[]; length: number }>([
  [{ name: '农村商业银行', bins: ['623066', '622991', '621525'], length: 19 }, 45],
  [{ name: '邮储银行', bins: ['621799', '622188', '621098'], length: 19 }, 25],
  [{ name: '工商银行', bins: ['622202', '621226', '622208'], length: 19 }, 10],
  [{ name: '农业银行', bins: ['622848', '623052', '622845'], length: 19 }, 10],
  [{ name: '建设银行', bins: ['621700', '622700', '436742'], length: 19 }, 6],
  [{ name: '中国银行', bins: ['621661', '456351'], length: 19 }, 2],
  [{ name: '农村信用社', bins: ['622682', '940035'], length: 16 }, 2],
]);

/** Relatives who act as guardian of a child in dispersed care; `family` ones share the child's surname. */
export const GUARDIAN_RELATIONS: ReadonlyArray<{
  relation: string;
  sex: 'M' | 'F';
  family: boolean;
  ages: readonly [number, number];
}> = [
  { relation: '祖父', sex: 'M', family: true, ages: [58, 80] },
  { relation: '祖母', sex: 'F', family: false, ages: [55, 78] },
  { relation: '外祖父', sex: 'M', family: false, ages: [58, 80] },
  { relation: '外祖母', sex: 'F', family: false, ages: [55, 78] },
  { relation: '伯父', sex: 'M', family: true, ages: [35, 58] },
  { relation: '叔叔', sex: 'M', family: true, ages: [28, 52] },
  { relation: '姑姑', sex: 'F', family: true, ages: [28, 55] },
  { relation: '舅舅', sex: 'M', family: false, ages: [28, 55] },
  { relation: '姨妈', sex: 'F', family: false, ages: [28, 55] },
  { relation: '哥哥', sex: 'M', family: true, ages: [19, 30] },
  { relation: '姐姐', sex: 'F', family: true, ages: [19, 30] },
];
