/**
 * EU VAT codes as invoicing names their problems: the formats and the checks are src/lib/vat-codes.ts
 * (the checkout's too); here a code without a member state's prefix is a `country` problem.
 */
import { vatCodeProblem as problemOf } from '../lib/vat-codes.ts';

export { normalizeVatCode, vatCountry } from '../lib/vat-codes.ts';

export type VatCodeProblem = 'country' | 'format';

/** Why a VAT code is not one of an EU member state's, or null when it has its country's format. */
export function vatCodeProblem(code: string): VatCodeProblem | null {
  const problem = problemOf(code);
  return problem === 'prefix' ? 'country' : problem;
}
