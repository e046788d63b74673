// The record reader's date check (`isIsoDate`, on char codes) answers as `isValidDate` does.
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../language/src/audit/record.ts';
import { isValidDate } from '../../language/src/values/dates.ts';

describe('isIsoDate', () => {
  it('agrees with isValidDate', () => {
    const texts = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-12-31', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01', '9999-12-31'];
    texts.push('2024-1-01', '2024/01/01', '2024-01-01 ', ' 2024-01-01', '2024-01-0a', '2O24-01-01', '２０２４-01-01', '2024-01-011', '', '20240101', '2024-01-+1', '2024--1-01');
    for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) texts.push(`2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const valid = texts.filter(isValidDate).length;
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(texts.length - 20);
    for (const t of texts) expect([t, isIsoDate(t)]).toEqual([t, isValidDate(t)]);
  });
});
