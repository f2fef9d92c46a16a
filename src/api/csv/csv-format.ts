/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field holding a comma, quote, CR or LF is quoted
 * with inner quotes doubled), with one addition for spreadsheets: a text cell starting with
 * = + - @ tab or CR would be run as a formula by Excel, LibreOffice or Sheets, so it gets a
 * leading apostrophe and is shown as the text it is (OWASP's advice for CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Cells we computed ourselves (numbers, amounts) are not neutralized: they never start with a sign. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
