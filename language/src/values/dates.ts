// Calendar dates are ISO strings (YYYY-MM-DD). ISO strings of the same length order like the dates
// they name, so comparisons are plain string comparisons; validity windows are inclusive at both ends.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidDate(text: string): boolean {
  if (text.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
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
