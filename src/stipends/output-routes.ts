import type { Router } from 'express';
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { paymentDetails } from '../participants/service.ts';
import { getSettings } from '../settings/service.ts';
import { parseParams } from '../web/form-fields.ts';
import { stipendsCsv, type StatementSource } from './outputs.ts';
import { periodParam } from './schemas.ts';
import { SepaError, sepaCreditTransfer } from './sepa.ts';
import { requireFinalised, type Finalised } from './service.ts';

function sourceOf(fin: Finalised): StatementSource {
  return {
    period: fin.period,
    input: fin.input,
    participants: fin.result.participants,
    lineLabels: fin.lineLabels,
    names: fin.names,
  };
}

/** The outputs of a finalised period: the accountant's CSV, the bank's pain.001 (statements: statement-routes.ts). */
export function outputRoutes(router: Router): void {
  router.get('/stipends/:period/stipends.csv', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const fin = await requireFinalised(period);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="stipendijos-${period}.csv"`,
    });
    res.send(stipendsCsv(sourceOf(fin), req.lang));
  });

  router.get('/stipends/:period/sepa.xml', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    if (!settings.iban) throw new ConflictError('stipends.sepa.noOrganisationIban');
    const payees = fin.result.participants.filter((p) => p.totalCents > 0);
    if (payees.length === 0) throw new ConflictError('stipends.sepa.nobody', { period });
    const staff = req.staff!;
    const details = await paymentDetails(
      payees.map((p) => p.id),
      { id: staff.id, role: staff.role, name: staff.name },
      `stipends:${period}:sepa`,
    );
    const missing = details.filter((d) => !d.iban).map((d) => d.displayName);
    if (missing.length > 0) throw new ConflictError('stipends.sepa.noIban', { names: missing.join(', ') });
    const now = new Date();
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    let xml: string;
    try {
      xml = sepaCreditTransfer({
        messageId: `STIP-${period}-${stamp}`,
        createdAt: now,
        executionDate: vilniusDate(now),
        debtor: { name: settings.legalName, iban: settings.iban },
        remittance: `Stipendija ${period}`,
        transfers: payees.map((p, i) => ({
          endToEndId: `STIP-${period}-${details[i]!.code || i + 1}`,
          amountCents: p.totalCents,
          creditor: { name: details[i]!.displayName, iban: details[i]!.iban },
        })),
      });
    } catch (err) {
      if (!(err instanceof SepaError)) throw err;
      throw new ConflictError(`stipends.sepa.${err.reason}`, { names: err.who });
    }
    req.log.info({ by: staff.id, period, count: payees.length }, 'stipend payment file made');
    res.set({
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="stipendijos-${period}.xml"`,
    });
    res.send(xml);
  });
}
