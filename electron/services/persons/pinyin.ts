import { pinyin } from 'pinyin-pro';

/** Full pinyin and initials for search: 张三 → zhangsan / zs. Surnames read as surnames (单 = shan). */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const clean = name.replace(/·/g, '');
  // One reading of the name gives both: an initial is the first letter of its syllable
  // (pinyin-pro's `pattern: 'first'` is the same letter, at twice the cost on a 50,000-row import).
  const syllables = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
  const full = syllables.join('');
  const initials = syllables.map((s) => s.slice(0, 1)).join('');
  return { pinyin: full.toLowerCase(), initials: initials.toLowerCase() };
}
