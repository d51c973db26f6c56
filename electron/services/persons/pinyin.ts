import { pinyin } from 'pinyin-pro';

/** Full pinyin and initials for search: 张三 → zhangsan / zs. Surnames read as surnames (单 = shan). */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const clean = name.replace(/·/g, '');
  const full = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' }).join('');
  const initials = pinyin(clean, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'removed',
  }).join('');
  return { pinyin: full.toLowerCase(), initials: initials.toLowerCase() };
}
