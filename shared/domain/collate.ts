const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/**
 * Chinese text sorts by pinyin, as a clerk expects (李 before 张), not by code
 * point; blanks sort first. Same as `localeCompare(…, 'zh-CN')`, with a cached collator.
 */
export function zhCompare(a: unknown, b: unknown): number {
  const blankA = a == null || a === '';
  const blankB = b == null || b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? -1 : 1;
  return collator.compare(String(a), String(b));
}
