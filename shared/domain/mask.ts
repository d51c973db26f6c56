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
