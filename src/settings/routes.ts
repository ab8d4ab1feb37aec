import { Router, type Request, type Response } from 'express';
import { formatIban } from '../lib/iban.ts';
import { centsToInput } from '../lib/money.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { settingsForm } from './schemas.ts';
import { getSettings, saveSettings } from './service.ts';
import { pickupSettingsRoutes } from './pickup-routes.ts';

/** Organisation settings, for administrators. */
export function settingsRoutes(): Router {
  const router = Router();
  router.use('/settings', requireRole('admin'));
  router.use(pickupSettingsRoutes());

  function render(
    res: Response,
    values: Record<string, string | boolean>,
    errors: FieldErrors = {},
    status = 200,
  ) {
    res.status(status).render('settings/form', { titleKey: 'settings.title', values, errors });
  }

  router.get('/settings', async (req: Request, res: Response) => {
    const s = await getSettings();
    const sep = req.lang === 'lt' ? ',' : '.';
    render(res, {
      displayName: s.displayName,
      legalName: s.legalName,
      companyCode: s.companyCode ?? '',
      vatPayer: Boolean(s.vatPayer),
      vatCode: s.vatCode ?? '',
      address: s.address ?? '',
      city: s.city ?? '',
      postcode: s.postcode ?? '',
      country: s.country || 'LT',
      email: s.email ?? '',
      phone: s.phone ?? '',
      iban: s.iban ? formatIban(s.iban) : '',
      bankName: s.bankName ?? '',
      bic: s.bic ?? '',
      paymentWorkdays: String(s.paymentWorkdays ?? 1),
      pricesIncludeVat: Boolean(s.pricesIncludeVat),
      defaultVatRate: String((s.defaultVatRateBps ?? 0) / 100).replace('.', sep),
      courierFee: centsToInput(s.courierFeeCents ?? 0, sep),
      parcelLockerFee: centsToInput(s.parcelLockerFeeCents ?? 0, sep),
      transferDueDays: String(s.transferDueDays ?? 7),
      invoiceSeries: s.invoiceSeries ?? 'DRB',
      invoiceDueDays: String(s.invoiceDueDays ?? 14),
      quoteValidityDays: String(s.quoteValidityDays ?? 30),
      aboutLt: s.about?.lt ?? '',
      aboutEn: s.about?.en ?? '',
    });
  });

  router.post('/settings', async (req, res) => {
    const parsed = parseForm(settingsForm, req.body);
    if (!parsed.ok) {
      const body = req.body as Record<string, string>;
      return render(
        res,
        { ...body, vatPayer: Boolean(body.vatPayer), pricesIncludeVat: Boolean(body.pricesIncludeVat) },
        parsed.errors,
        422,
      );
    }
    await saveSettings(parsed.data);
    req.log.info({ by: req.staff!.id }, 'organisation settings changed');
    flash(req, 'success', 'settings.saved');
    res.redirect(303, '/admin/settings');
  });

  return router;
}
