// The date check of every transaction record (`isValidDate`, on char codes) answers as the
// definition it replaced: four, two and two ASCII digits joined by '-', a month 1–12, a day of that
// month (29 February in leap years only).
import { describe, expect, it } from 'vitest';
import { isValidDate } from '../../language/src/values/dates.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The definition, by a regular expression and substrings. */
function isValidDateByDefinition(text: string): boolean {
  if (text.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

describe('isValidDate', () => {
  it('agrees with the definition', () => {
    const texts = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-12-31', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01', '9999-12-31'];
    texts.push('2024-1-01', '2024/01/01', '2024-01-01 ', ' 2024-01-01', '2024-01-0a', '2O24-01-01', '２０２４-01-01', '2024-01-011', '', '20240101', '2024-01-+1', '2024--1-01');
    for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) texts.push(`2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const valid = texts.filter(isValidDateByDefinition).length;
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(texts.length - 20);
    for (const t of texts) expect([t, isValidDate(t)]).toEqual([t, isValidDateByDefinition(t)]);
  });
});
