import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { vilniusDate } from '../lib/dates.ts';
import { FieldError, NotFoundError } from '../lib/errors.ts';
import { renderCardsPdf } from '../pdf/documents.ts';
import { getSettings } from '../settings/service.ts';
import { flash } from '../web/flash.ts';
import { translate } from '../web/i18n.ts';
import { checkbox, parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.ts';
import { CONSENT_KINDS, consentHistory, currentConsents, recordConsent } from './consent.ts';
import {
  issueLink,
  linkState,
  ownPagePath,
  participantByToken,
  participantForCard,
  participantsForCards,
  switchOffLink,
  tokensForCards,
} from './links.ts';
import { ownMonths, ownPage } from './own-page.ts';
import { requireRole } from '../web/auth.ts';

const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{24}$/) });
const monthQuery = z.object({
  m: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
const idParam = z.object({ id: z.string().regex(/^[a-f0-9]{24}$/) });
const confirmForm = z.object({ confirm: checkbox.refine((v) => v, 'ownPage.errors.confirm') });
const consentForm = z.object({
  kind: z.enum(CONSENT_KINDS, 'consent.errors.kind'),
  given: z.enum(['yes', 'no'], 'consent.errors.given'),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'consent.errors.date'),
});

/** The address printed on the card: the app's public address and the page's path. */
function cardUrls(publicUrl: string, token: string) {
  const url = `${publicUrl}${ownPagePath(token)}`;
  return { url, shortUrl: url.replace(/^https?:\/\//, '') };
}

/**
 * The participant's own page, `/p/<token>`: no account, `noindex`, never stored by a cache, every
 * visit in the audit log. Nothing but the token and the month is read from the request, so no other
 * participant's id can be slipped in. A malformed, renewed or switched-off token is a plain 404.
 */
export function ownPageRoutes(deps: ModuleRouteDeps): Router {
  const router = Router();
  router.get('/p/:token', async (req: Request, res: Response) => {
    const missing = () =>
      res
        .status(404)
        .set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' })
        .render('participants/own-missing', {
          layout: 'own',
          titleKey: 'ownPage.missing.title',
          easyRead: true,
        });
    const token = tokenParam.safeParse(req.params);
    const query = monthQuery.safeParse(req.query);
    if (!token.success || !query.success) return missing();
    const p = await participantByToken(token.data.token);
    if (!p) return missing();
    const months = ownMonths(p);
    const period = query.data.m ?? months[0]!;
    if (!months.includes(period)) return missing();
    const settings = await getSettings();
    const page = await ownPage(p, period, req.lang, {
      storage: deps.storage,
      organisationName: settings.displayName,
    });
    await recordAudit({
      actor: { id: `self:${String(p._id)}`, role: 'participant', name: p.displayName },
      action: 'selfView',
      participantIds: [String(p._id)],
      fields: ['attendance', 'contributions', 'stipend'],
      context: `own-page:${period}`,
    });
    res.set({
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex, nofollow',
      'Referrer-Policy': 'no-referrer',
    });
    res.render('participants/own', {
      layout: 'own',
      titleKey: 'ownPage.title',
      page,
      base: ownPagePath(token.data.token),
      speechLang: req.lang === 'en' ? 'en' : 'lt',
      easyRead: true,
    });
  });
  return router;
}

/** The staff side: cards, renewing or switching off the link, recording consents. */
export function ownAdminRoutes(deps: ModuleRouteDeps): Router {
  const router = Router();
  const staffOnly = requireRole('admin', 'master');

  async function cardsPdf(
    req: Request,
    res: Response,
    people: Awaited<ReturnType<typeof participantsForCards>>,
    fileName: string,
  ) {
    const settings = await getSettings();
    const tokens = await tokensForCards(
      people.map((p) => String(p._id)),
      actorOf(req),
    );
    const pdf = await renderCardsPdf({
      lang: req.lang,
      title: translate(req.lang, 'ownPage.cards.title'),
      organisationName: settings.displayName,
      scanText: translate(req.lang, 'ownPage.cards.scan'),
      cards: people.map((p) => ({
        name: p.displayName,
        ...cardUrls(deps.config.publicUrl, tokens.get(String(p._id))!),
      })),
    });
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
    res.send(pdf);
  }

  router.get('/participants/cards.pdf', staffOnly, async (req, res) => {
    const today = vilniusDate(new Date());
    const people = await participantsForCards(today);
    if (people.length === 0) throw new NotFoundError();
    await cardsPdf(req, res, people, 'dalyviu-korteles.pdf');
  });

  router.get('/participants/:id/card.pdf', staffOnly, async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const p = await participantForCard(id);
    if (!p) throw new NotFoundError();
    await cardsPdf(req, res, [p], `kortele-${p.code}.pdf`);
  });

  async function linkAction(req: Request, res: Response, act: 'renew' | 'off') {
    const { id } = parseParams(idParam, req.params);
    const parsed = parseForm(confirmForm, req.body);
    if (!parsed.ok) {
      flash(req, 'error', 'ownPage.errors.confirm');
      return res.redirect(303, `/admin/participants/${id}#own-page`);
    }
    if (act === 'renew') await issueLink(id, actorOf(req));
    else await switchOffLink(id, actorOf(req));
    flash(req, 'success', act === 'renew' ? 'ownPage.renewed' : 'ownPage.switchedOff');
    res.redirect(303, `/admin/participants/${id}#own-page`);
  }
  router.post('/participants/:id/own-page/renew', staffOnly, (req, res) => linkAction(req, res, 'renew'));
  router.post('/participants/:id/own-page/off', staffOnly, (req, res) => linkAction(req, res, 'off'));

  router.post('/participants/:id/consents', staffOnly, async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const parsed = parseForm(consentForm, req.body);
    let errors: FieldErrors | null = parsed.ok ? null : parsed.errors;
    if (parsed.ok) {
      try {
        await recordConsent(id, { ...parsed.data, given: parsed.data.given === 'yes' }, actorOf(req));
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        errors = { [err.field]: { key: err.messageKey, params: err.params } };
      }
    }
    if (errors) {
      const first = Object.values(errors)[0]!;
      flash(req, 'error', first.key);
      return res.redirect(303, `/admin/participants/${id}#consents`);
    }
    flash(req, 'success', 'consent.saved');
    res.redirect(303, `/admin/participants/${id}#consents`);
  });

  return router;
}

/** What the participant's staff page shows of their own page and consents. */
export async function ownPageSection(id: string) {
  const p = await participantForCard(id);
  if (!p) return null;
  const [link, consents, history] = await Promise.all([
    linkState(id),
    currentConsents(p),
    consentHistory(id),
  ]);
  return { link, consents, history, today: vilniusDate(new Date()) };
}
