import type { Router } from 'express';
import { NotFoundError } from '../lib/errors.ts';
import type { FileStorage } from '../media/storage.ts';
import { renderStatementPdf } from '../pdf/documents.ts';
import { getSettings } from '../settings/service.ts';
import { parseParams } from '../web/form-fields.ts';
import { translate, type Lang } from '../web/i18n.ts';
import { periodParam, statementParam } from './schemas.ts';
import { requireFinalised } from './service.ts';
import { statementPages, statementsOf, type Statement } from './statements.ts';

/** Statements' photos on the page: the product's main photo as the catalogue serves it. */
function forPage(statements: Statement[], storage: FileStorage) {
  return statements.map((s) => ({
    ...s,
    items: s.items.map((i) => ({
      ...i,
      job: i.kind === 'job',
      photoUrl: i.photoKey ? storage.publicUrl(i.photoKey) : null,
    })),
  }));
}

async function pdfOf(statements: Statement[], lang: Lang, title: string, storage: FileStorage) {
  const settings = await getSettings();
  return renderStatementPdf({
    lang,
    title,
    organisationName: settings.displayName,
    statements: await statementPages(statements, storage),
  });
}

/**
 * The participants' easy-read statements of a finalised month (admin only, as the whole stipends
 * router): all of them as one printable page or one PDF, or one participant's page and PDF.
 */
export function statementRoutes(router: Router, storage: FileStorage): void {
  router.get('/stipends/:period/statements', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    res.render('stipends/statements', {
      title: `${translate(req.lang, 'statement.allTitle')} ${period}`,
      period,
      statements: forPage(await statementsOf(fin, req.lang, settings.displayName), storage),
    });
  });

  router.get('/stipends/:period/statements.pdf', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const statements = await statementsOf(fin, req.lang, settings.displayName);
    if (statements.length === 0) throw new NotFoundError();
    const title = translate(req.lang, 'pdf.statement.allTitle', { period });
    const pdf = await pdfOf(statements, req.lang, title, storage);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="stipendijos-${period}-pazymos.pdf"`,
    });
    res.send(pdf);
  });

  router.get('/stipends/:period/statements/:participantId', async (req, res) => {
    const { period, participantId } = parseParams(statementParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const statements = await statementsOf(fin, req.lang, settings.displayName, participantId);
    if (statements.length === 0) throw new NotFoundError();
    res.render('stipends/statements', {
      title: `${translate(req.lang, 'statement.title')} ${period}`,
      period,
      single: true,
      statements: forPage(statements, storage),
    });
  });

  router.get('/stipends/:period/statements/:participantId/pdf', async (req, res) => {
    const { period, participantId } = parseParams(statementParam, req.params);
    const fin = await requireFinalised(period);
    const settings = await getSettings();
    const statements = await statementsOf(fin, req.lang, settings.displayName, participantId);
    if (statements.length === 0) throw new NotFoundError();
    const title = translate(req.lang, 'pdf.statement.docTitle', {
      name: statements[0]!.participantName,
      period: statements[0]!.month,
    });
    const pdf = await pdfOf(statements, req.lang, title, storage);
    const code = (statements[0]!.code || participantId).replace(/[^A-Za-z0-9_-]/g, '');
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="stipendija-${period}-${code}.pdf"`,
    });
    res.send(pdf);
  });
}
