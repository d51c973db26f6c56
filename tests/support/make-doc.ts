import { Rng } from '../../electron/services/demo/random';
import { checkCharacter } from '../../shared/domain/id-number';
import type { BatchDoc, PrintLine } from '../../electron/services/print/types';

/**
 * A deterministic sample batch for the print tests, the bench and the README
 * images: the same options always give the same document. Lines come in a
 * shuffled order (the templates must group them), with every kind of line, a few
 * odd amounts ending in 0.01 yuan and one name with HTML in it when `hostileName`.
 */
export interface SampleOptions {
  lines: number;
  townships?: number;
  villagesPerTownship?: number;
  seed?: number;
  hostileName?: boolean;
}

const TOWNSHIPS = [
  '城关镇',
  '河口乡',
  '石门镇',
  '柳林乡',
  '新华街道',
  '白沙镇',
  '青山乡',
  '桃源镇',
  '双河镇',
  '龙泉乡',
  '东湖街道',
  '马坪镇',
];
const VILLAGE_STEMS = [
  '东风',
  '红旗',
  '向阳',
  '前进',
  '和平',
  '团结',
  '光明',
  '胜利',
  '新民',
  '长岭',
  '杨树',
  '李家湾',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '欧阳',
  '司马',
];
const GIVEN = [
  '秀英',
  '桂兰',
  '建国',
  '志强',
  '玉梅',
  '德明',
  '小红',
  '国庆',
  '春花',
  '文军',
  '淑珍',
  '海峰',
  '丽',
  '伟',
  '静',
  '明',
];
const BANKS = ['农村商业银行', '邮政储蓄银行', '农业银行'];
/** Care subsidy tiers: 一级 100.00, 二级 80.00 yuan a month (sample standards only). */
const TIERS: Array<{ category: string; standardFen: number }> = [
  { category: '一级', standardFen: 10000 },
  { category: '二级', standardFen: 8000 },
];

export function makeSampleDoc(opts: SampleOptions): BatchDoc {
  // The demo's generator: the same seed gives the same document.
  const r = new Rng(opts.seed ?? 20261101);
  const townships = TOWNSHIPS.slice(0, opts.townships ?? 3);
  const perTownship = opts.villagesPerTownship ?? 4;
  const lines: PrintLine[] = [];
  for (let i = 0; i < opts.lines; i++) {
    const township = r.pick(townships);
    const village = `${VILLAGE_STEMS[Math.floor(r.next() * perTownship) % VILLAGE_STEMS.length]}村`;
    const tier = r.pick(TIERS);
    const first17 = `420321${1940 + Math.floor(r.next() * 70)}${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}${r.digits(3)}`;
    // Kinds cycle deterministically so that every kind is present in any sample of 8+ lines.
    const k = i % 8;
    const kind = k === 5 ? '补发' : k === 6 ? '补发差额' : k === 7 && i % 16 === 15 ? '重发' : '正常发放';
    const month = kind === '正常发放' || kind === '重发' ? '2026-11' : `2026-${String(8 + (i % 3)).padStart(2, '0')}`;
    let amountFen = tier.standardFen;
    if (kind === '补发差额') amountFen = i % 3 === 0 ? 1 : 2000 + (i % 7) * 101; // some of exactly 0.01 yuan
    if (kind === '正常发放' && i % 13 === 4) amountFen = tier.standardFen - 1; // odd amounts ending in .99
    lines.push({
      seq: i + 1,
      township,
      village,
      name: opts.hostileName && i === 0 ? '<b>王&"五\'</b>' : `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
      idNumber: first17 + checkCharacter(first17),
      category: tier.category,
      account: `6230${r.digits(15)}`,
      bankName: r.pick(BANKS),
      month,
      kind,
      standardFen: tier.standardFen,
      amountFen,
      note: kind === '补发差额' ? '标准调整补差' : kind === '重发' ? '原账户退回后重发' : '',
    });
  }
  return {
    county: '示范县民政局',
    programLabel: '重度残疾人护理补贴',
    periodLabel: '2026年11月',
    batchNo: 'FF-2026-11-care-001',
    status: '已审批',
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
    preparedBy: '刘晓燕',
    reviewedBy: '陈志刚',
    approvedBy: '',
    printedOn: '2026-11-20',
    auditHead: '9f2c4e7a1b0d3c5e8f6a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e',
  };
}
