/** Characters that make a spreadsheet treat a cell as a formula (ASCII and full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Neutralises spreadsheet formula injection (`=cmd|'/c calc'!A1`): a text cell that starts with
 * = + - @ TAB CR (or a full-width variant) gets a leading single quote, so it is shown as text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
