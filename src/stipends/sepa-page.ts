import type { Request, Response } from 'express';
import { vilniusDate } from '../lib/dates.ts';
import { translate } from '../web/i18n.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { paymentFileIssues, type Missing } from './sepa-files.ts';
import type { Finalised } from './service.ts';

/** Where each missing detail is filled in. The bulk page lists every participant without an account. */
const BULK_IBAN_PAGE = '/admin/participants/ibans?show=missing';

function fixOf(m: Missing): {
  textKey: string;
  params: Record<string, string>;
  href: string;
  fixKey: string;
} {
  if (m.what === 'participantIban')
    return {
      textKey: 'sepa.missing.participantIban',
      params: { name: m.name },
      href: `/admin/participants/${encodeURIComponent(m.participantId)}/edit#iban`,
      fixKey: 'sepa.missing.fixParticipant',
    };
  const field = { orgName: 'legalName', orgIban: 'iban', orgBic: 'bic' }[m.what];
  return {
    textKey: `sepa.missing.${m.what}`,
    params: {},
    href: `/admin/settings#${field}`,
    fixKey: 'sepa.missing.fixSettings',
  };
}

/** The refusal of a payment file: what is missing, each with a link to where it is filled in (409). */
export function renderMissing(req: Request, res: Response, period: string, missing: Missing[]): void {
  res.status(409).render('stipends/sepa-missing', {
    title: translate(req.lang, 'sepa.missing.title'),
    period,
    items: missing.map(fixOf),
    bulk: missing.some((m) => m.what === 'participantIban') ? BULK_IBAN_PAGE : null,
  });
}

/** The payment file block of a finalised month's page: the current issue, its downloads, re-issue. */
export async function sepaPanel(
  fin: Finalised,
  form: { values?: Record<string, string | boolean>; errors?: FieldErrors } = {},
) {
  const paid = Boolean(fin.paid);
  const issues = await paymentFileIssues(fin.period);
  const current = issues.at(-1) ?? null;
  return {
    nobody: fin.result.participants.every((p) => p.totalCents <= 0),
    current,
    earlier: issues.slice(0, -1).reverse(),
    executionPassed: Boolean(current && !paid && current.executionDate < vilniusDate(new Date())),
    canReissue: Boolean(current && !paid),
    reissueValues: form.values ?? {},
    reissueErrors: form.errors ?? {},
  };
}
