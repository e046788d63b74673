// The ISO 4217 codes an amount may be in (language/src/values/currencies.ts): the currencies, the fund
// codes and the units ISO lists beside them, but not the codes for testing and for no currency.
import { describe, expect, it } from 'vitest';
import { CURRENCIES, isCurrency } from '../../language/src/values/currencies.ts';

describe('isCurrency', () => {
  it('knows the currencies, the fund codes and the units of ISO 4217', () => {
    for (const code of ['USD', 'EUR', 'CHF', 'XOF', 'SLE', 'VED', 'XCG', 'ZWG', 'XDR', 'XAU', 'XAG', 'CHE', 'USN', 'UYW']) expect(isCurrency(code), code).toBe(true);
  });

  it('refuses typos, withdrawn codes, lower case and the codes that are no currency', () => {
    for (const code of ['USS', 'usd', 'DEM', 'SLL', 'HRK', 'XTS', 'XXX', '', 'USDX']) expect(isCurrency(code), code).toBe(false);
  });

  it('holds three capital letters each', () => {
    for (const code of CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
  });
});
