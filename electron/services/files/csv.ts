/**
 * A text cell that Excel or WPS would run as a formula when the csv is opened
 * (`=`, `+`, `-`, `@`, a tab or carriage return first, or the full-width forms a
 * Chinese IME types) gets a leading apostrophe: it shows as text. Amounts,
 * accounts and ID numbers are not text cells and stay byte-exact.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

export function neutralizeFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** One csv field: neutralised when it is free text, quoted when it must be. */
export function csvField(value: string, text: boolean): string {
  const s = text ? neutralizeFormula(value) : value;
  return /[",\r\n]/.test(s) || s !== value ? `"${s.replaceAll('"', '""')}"` : s;
}
