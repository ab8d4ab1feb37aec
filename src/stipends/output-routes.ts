import type { Router } from 'express';
import { NotFoundError } from '../lib/errors.ts';
import { renderStatementPdf } from '../pdf/documents.ts';
import { getSettings } from '../settings/service.ts';
import { parseParams } from '../web/form-fields.ts';
import { translate } from '../web/i18n.ts';
import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { stipendsCsv } from './csv.ts';
import { explainFrozen, statementData, type StatementSource } from './outputs.ts';
import { periodParam, statementParam } from './schemas.ts';
import { sepaRoutes } from './sepa-routes.ts';
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

/** The outputs of a finalised period: statements (HTML, PDF), the accountant's CSV, the bank's pain.001. */
export function outputRoutes(router: Router): void {
  router.get('/stipends/:period/statements', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const explanation = explainFrozen(fin.input, fin.result).explanation;
    const statements = fin.result.participants.map((p) => ({
      ...statementData(sourceOf(fin), p.id, settings.legalName, req.lang, explanation)!,
      id: p.id,
    }));
    res.render('stipends/statements', {
      title: `${translate(req.lang, 'statement.allTitle')} ${period}`,
      period,
      statements,
    });
  });

  router.get('/stipends/:period/statements/:participantId', async (req, res) => {
    const { period, participantId } = parseParams(statementParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const data = statementData(sourceOf(fin), participantId, settings.legalName, req.lang);
    if (!data) throw new NotFoundError();
    res.render('stipends/statements', {
      title: `${translate(req.lang, 'statement.title')} ${period}`,
      period,
      single: true,
      statements: [{ ...data, id: participantId }],
    });
  });

  router.get('/stipends/:period/statements/:participantId/pdf', async (req, res) => {
    const { period, participantId } = parseParams(statementParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const data = statementData(sourceOf(fin), participantId, settings.legalName, req.lang);
    if (!data) throw new NotFoundError();
    const pdf = await renderStatementPdf(data);
    const code = (fin.names[participantId]?.code || participantId).replace(/[^A-Za-z0-9_-]/g, '');
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="stipendija-${period}-${code}.pdf"`,
    });
    res.send(pdf);
  });

  router.get('/stipends/:period/stipends.csv', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const format = csvFormatOf(req.query);
    const fin = await requireFinalised(period);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(`stipendijos-${period}`, format)}"`,
    });
    res.send(stipendsCsv(sourceOf(fin), req.lang, format));
  });

  sepaRoutes(router);
}
