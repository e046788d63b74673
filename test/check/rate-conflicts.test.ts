// Rates of one pair from one date that disagree (model/rate-conflicts.ts): the later listed applies.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../language/src/index.ts';
import { rateConflicts } from '../../language/src/model/rate-conflicts.ts';

const ratesOf = (text: string) => new Workspace([['memory:///r.doa', text]]).getModel().rates;

describe('rate conflicts', () => {
  it('finds two values for one pair and date, the later listed applying', () => {
    const conflicts = rateConflicts(ratesOf('rates "r" { rate EUR USD 1.10 from 2025-01-01; rate EUR USD 1.2 from 2025-01-01; rate EUR USD 1.3 from 2025-01-01 }'));
    expect(conflicts.map((c) => [c.from, c.to, c.since, c.applied.rate, c.replaced.map((r) => r.rate)])).toEqual([['EUR', 'USD', '2025-01-01', '1.3', ['1.1', '1.2']]]);
  });

  it('leaves alone one value written twice, other dates, the other direction and rates with no date', () => {
    const text = 'rates "r" { rate EUR USD 1.1 from 2025-01-01; rate EUR USD 1.10 from 2025-01-01; rate EUR USD 1.2 from 2025-02-01; rate USD EUR 0.5 from 2025-01-01; rate CHF USD 1.1 }';
    expect(rateConflicts(ratesOf(text))).toEqual([]);
    expect(rateConflicts(ratesOf('rates "r" { rate CHF USD 1.1; rate CHF USD 1.2 }')).map((c) => c.since)).toEqual(['']);
  });
});
