// Calendar dates are ISO strings (YYYY-MM-DD). ISO strings of the same length order like the dates
// they name, so comparisons are plain string comparisons; validity windows are inclusive at both ends.

/** The digit at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Whether a text is a valid date YYYY-MM-DD, read on char codes with no regular expression and no
 * substring: the audit asks it of every transaction record's date.
 */
export function isValidDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y0 = digitAt(text, 0);
  const y1 = digitAt(text, 1);
  const y2 = digitAt(text, 2);
  const y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5);
  const m1 = digitAt(text, 6);
  const d0 = digitAt(text, 8);
  const d1 = digitAt(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addMonths(date: string, months: number): string {
  // Plain arithmetic on a valid date of years 1000–9999 (no Date object: the checker adds the
  // validity of every training a person completed); anything else as Date does it.
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (date.length === 10 && date[4] === '-' && date[7] === '-' && y >= 1000 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonth(y, m) && Number.isInteger(months)) {
    const index = y * 12 + (m - 1) + months;
    const ty = Math.floor(index / 12);
    const tm = index - ty * 12 + 1;
    if (ty >= 1000 && ty <= 9999) return `${ty}-${tm < 10 ? '0' : ''}${tm}-${pad2(Math.min(day, daysInMonth(ty, tm)))}`;
  }
  return addMonthsByDate(date, months);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function addMonthsByDate(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** True when `date` lies in the inclusive window [from, to]; an open end is unbounded. */
export function withinWindow(date: string, from: string | null | undefined, to: string | null | undefined): boolean {
  return (!from || from <= date) && (!to || date <= to);
}
