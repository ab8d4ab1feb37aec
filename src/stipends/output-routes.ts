import type { Router } from 'express';
import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { parseParams } from '../web/form-fields.ts';
import { stipendsCsv } from './csv.ts';
import type { StatementSource } from './outputs.ts';
import { periodParam } from './schemas.ts';
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

/** The outputs of a finalised period: the accountant's CSV, the bank's pain.001 (statements: statement-routes.ts). */
export function outputRoutes(router: Router): void {
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
