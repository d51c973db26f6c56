import type { Role } from '../contract/roles';

/**
 * `4201**********123X`: the first four and last four characters of an ID number
 * stay, everything between becomes `*`. Short or odd values keep less, never more.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length >= 15) return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
  if (s.length > 4) return `${s.slice(0, 1)}${'*'.repeat(s.length - 2)}${s.slice(-1)}`;
  return '*'.repeat(s.length);
}

/**
 * Who needs full ID numbers where. Clerks and reviewers check them against
 * paper, so their lists show them; the head works with figures and sees them
 * masked in lists but may reveal one on a detail form (audited); an
 * administrator without another role sees no personal data at all. 公示 lists and
 * exports to the higher level are always masked, whoever prints them.
 */
export function listsShowFullIds(roles: readonly Role[]): boolean {
  return roles.includes('clerk') || roles.includes('reviewer');
}

export function mayRevealIdOnDetail(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'clerk' || r === 'reviewer' || r === 'head');
}

export function seesPersonalData(roles: readonly Role[]): boolean {
  return roles.some((r) => r !== 'admin');
}

/**
 * Masks every ID number (18 or 15 characters) and certificate number (20) inside
 * free text such as an audit row's JSON or a change history. Over-masking an
 * 18-digit account is the safe side of the mistake.
 */
export function maskIdsInText(text: string): string {
  return text
    .replace(
      /(?<![\dX])(\d{4})\d{10}(\d{3}[\dX])(\d{2})?(?![\dX])/g,
      (_m, head: string, tail: string, cert: string | undefined) => `${head}${'*'.repeat(10)}${tail}${cert ?? ''}`,
    )
    .replace(
      /(?<![\dX])(\d{4})\d{7}(\d{4})(?![\dX])/g,
      (_m, head: string, tail: string) => `${head}${'*'.repeat(7)}${tail}`,
    );
}
