import { z } from 'zod';
import { requiredText } from '../web/form-fields.ts';
import { addressShape, checkCompanyAddress, normalPostcode, vatCodeField } from '../services/service.ts';

/**
 * The buyer's company details for a shop order's VAT invoice, as staff enter them: everything the
 * invoice needs (VAT Law art. 80) is required here; the VAT code only of a VAT-registered buyer.
 */
export const invoiceRequestForm = z
  .object({
    companyName: requiredText(200),
    companyCode: requiredText(30),
    vatCode: vatCodeField,
    ...addressShape,
  })
  .superRefine((v, ctx) => {
    checkCompanyAddress(v, ctx);
    for (const field of ['address', 'city'] as const)
      if (!v[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'errors.required' });
    if (v.country === 'LT' && !v.postcode)
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'errors.required' });
  })
  .transform((v) => ({ ...v, postcode: normalPostcode(v.country, v.postcode) }));
