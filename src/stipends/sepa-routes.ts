import type { Router } from 'express';
import { DomainError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams } from '../web/form-fields.ts';
import { echo, renderPeriod } from './period-page.ts';
import { periodParam } from './schemas.ts';
import { PaymentFileMissing, downloadPaymentFile, reissuePaymentFile } from './sepa-files.ts';
import { renderMissing } from './sepa-page.ts';
import { reissueForm } from './sepa-schemas.ts';

/** The month's SEPA payment file: download (issued on the first one) and re-issue, admin only. */
export function sepaRoutes(router: Router): void {
  router.get('/stipends/:period/sepa.xml', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const staff = req.staff!;
    let file;
    try {
      file = await downloadPaymentFile(period, { id: staff.id, role: staff.role, name: staff.name });
    } catch (err) {
      if (err instanceof PaymentFileMissing) return renderMissing(req, res, period, err.missing);
      // An account changed since the issue: the month's page, with the re-issue form and why.
      if (err instanceof DomainError && err.messageKey === 'sepa.errors.accountsChanged')
        return renderPeriod(req, res, period, {
          reissue: { errors: { _form: { key: err.messageKey, params: err.params } } },
          status: 409,
        });
      throw err;
    }
    req.log.info(
      { by: staff.id, period, issue: file.issue, messageId: file.messageId, issued: file.issued },
      file.issued ? 'stipend payment file issued and downloaded' : 'stipend payment file downloaded',
    );
    res.set({
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="stipendijos-${period}-${file.issue}.xml"`,
    });
    res.send(file.xml);
  });

  router.post('/stipends/:period/sepa/reissue', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const parsed = parseForm(reissueForm, req.body);
    const values = echo(req.body, ['confirm']);
    if (!parsed.ok)
      return renderPeriod(req, res, period, { reissue: { values, errors: parsed.errors }, status: 422 });
    const staff = req.staff!;
    let issue: number;
    try {
      issue = await reissuePaymentFile(period, parsed.data.replaces, parsed.data.reason, {
        id: staff.id,
        role: staff.role,
        name: staff.name,
      });
    } catch (err) {
      if (err instanceof PaymentFileMissing) return renderMissing(req, res, period, err.missing);
      if (!(err instanceof DomainError) || err.status !== 409) throw err;
      return renderPeriod(req, res, period, {
        reissue: { values, errors: { _form: { key: err.messageKey, params: err.params } } },
        status: 409,
      });
    }
    req.log.info(
      { by: staff.id, period, issue, reason: parsed.data.reason },
      'stipend payment file issued again',
    );
    flash(req, 'success', 'sepa.reissued', { issue });
    res.redirect(303, `/admin/stipends/${period}#payment-file`);
  });
}
