/**
 * The public site's own pages and files: robots.txt, the sitemap, the shopping feeds for Meta and
 * Google, the web manifest and icons; the accessibility statement with its feedback form, the
 * privacy notice and the returns page with the model withdrawal form; and the staff list of the
 * feedback. Everything about goods is read from the in-memory catalogue through the catalogue service.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { publicListing, type PublicCatalogue } from '../catalog/service.ts';
import { requireRole } from '../web/auth.ts';
import { formKeyOf, newFormKey, FORM_KEY_ERROR } from '../web/form-once.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { translate, type Lang } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { formLimiter } from '../web/rate-limit.ts';
import {
  googleFeedXml,
  metaFeedCsv,
  robotsTxt,
  sitemapXml,
  webManifest,
  type SitemapEntry,
} from './feeds.ts';
import {
  FEEDBACK_KEEP_DAYS,
  feedbackForm,
  FEEDBACK_LIMITS,
  listFeedback,
  submitFeedback,
} from './service.ts';

const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/images');
const feedQuery = z.object({ lang: z.enum(['lt', 'en']).catch('lt') });
const sentQuery = z.object({ sent: z.literal('1').optional().catch(undefined) });

/** Pages of the site that are not goods, categories or the catalogue itself (in the sitemap). */
const STATIC_PAGES = [
  '/',
  '/catalogue',
  '/services',
  '/requests/new',
  '/terms',
  '/returns',
  '/privacy',
  '/accessibility',
];

type Values = Record<string, string>;

export function siteRoutes(deps: ModuleRouteDeps & { catalogue: PublicCatalogue }): Router {
  const { csrf, storage, config, commerce, catalogue } = deps;
  const publicUrl = config.publicUrl;
  const router = Router();
  const cacheable = (res: Response, seconds: number) =>
    res.set('Cache-Control', `public, max-age=${seconds}`);

  router.get('/robots.txt', (_req, res) => {
    cacheable(res, 3600);
    res.type('text/plain').send(robotsTxt(publicUrl));
  });

  router.get('/sitemap.xml', async (_req, res) => {
    const store = await catalogue.ready();
    const goods = publicListing(store, 'lt', storage);
    const entries: SitemapEntry[] = [
      ...STATIC_PAGES.map((p) => ({ path: p })),
      ...store.listCategories().map((c) => ({ path: `/catalogue?category=${encodeURIComponent(c.slug)}` })),
      ...goods.map((g) => ({ path: g.path, lastmod: g.updatedAt })),
    ];
    cacheable(res, 600);
    res.type('application/xml').send(sitemapXml(entries, publicUrl));
  });

  async function feedContext(lang: Lang) {
    const store = await catalogue.ready();
    const name = store.settings()?.displayName ?? '';
    return {
      store,
      ctx: {
        publicUrl,
        brand: name,
        title: name,
        description: translate(lang, 'meta.description'),
      },
    };
  }

  router.get('/feeds/meta.csv', async (req, res) => {
    const { lang } = feedQuery.parse(req.query);
    const { store, ctx } = await feedContext(lang);
    cacheable(res, 600);
    res.type('text/csv; charset=utf-8').send(metaFeedCsv(publicListing(store, lang, storage), ctx));
  });

  router.get('/feeds/google.xml', async (req, res) => {
    const { lang } = feedQuery.parse(req.query);
    const { store, ctx } = await feedContext(lang);
    cacheable(res, 600);
    res.type('application/xml').send(googleFeedXml(publicListing(store, lang, storage), ctx));
  });

  router.get('/manifest.webmanifest', async (req, res) => {
    const store = await catalogue.ready();
    cacheable(res, 3600);
    res.type('application/manifest+json').send(
      JSON.stringify(
        webManifest({
          name: store.settings()?.displayName ?? '',
          description: translate(req.lang, 'meta.description'),
          lang: req.lang,
        }),
      ),
    );
  });

  router.get('/favicon.ico', (_req, res) => {
    cacheable(res, 86400);
    res.type('image/x-icon').sendFile(path.join(IMAGES, 'favicon.ico'));
  });
  for (const name of ['/apple-touch-icon.png', '/apple-touch-icon-precomposed.png']) {
    router.get(name, (_req, res) => {
      cacheable(res, 86400);
      res.type('image/png').sendFile(path.join(IMAGES, 'apple-touch-icon.png'));
    });
  }

  router.get('/privacy', (req, res) => {
    res.render('site/privacy', {
      titleKey: 'privacy.title',
      metaDescription: translate(req.lang, 'privacy.description'),
      attachmentsKeepDays: config.attachmentsKeepDays,
      feedbackKeepDays: FEEDBACK_KEEP_DAYS,
    });
  });

  router.get('/returns', (req, res) => {
    res.render('site/returns', {
      titleKey: 'returns.title',
      metaDescription: translate(req.lang, 'returns.description'),
    });
  });

  function renderStatement(
    req: Request,
    res: Response,
    values: Values,
    errors: FieldErrors = {},
    status = 200,
  ) {
    res.status(status).render('site/accessibility', {
      titleKey: 'a11y.title',
      metaDescription: translate(req.lang, 'a11y.description'),
      values,
      errors,
      formKey: values.formKey || newFormKey(),
      limits: FEEDBACK_LIMITS,
      sent: sentQuery.parse(req.query).sent === '1' && status === 200,
    });
  }

  router.get('/accessibility', csrf.issueToken, (req, res) => renderStatement(req, res, {}));

  const feedbackLimiter = formLimiter('accessibility-feedback', 10);
  router.post('/accessibility', feedbackLimiter, csrf.issueToken, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values: Values = {};
    for (const k of ['message', 'page', 'name', 'email', 'formKey'])
      values[k] = typeof body[k] === 'string' ? (body[k] as string) : '';
    const key = formKeyOf(body);
    if (!key) return renderStatement(req, res, { ...values, formKey: '' }, { _form: FORM_KEY_ERROR }, 422);
    const parsed = parseForm(feedbackForm, body);
    if (!parsed.ok) return renderStatement(req, res, values, parsed.errors, 422);
    await submitFeedback({ mailer: commerce.mailer, publicUrl }, key, parsed.data, {
      lang: req.lang,
      easyRead: req.easyRead,
    });
    res.redirect(303, '/accessibility?sent=1#feedback');
  });

  router.get('/admin/accessibility-feedback', requireRole('admin', 'marketing'), async (_req, res) => {
    res.render('site/admin/feedback', {
      titleKey: 'a11y.staff.title',
      feedback: await listFeedback(),
      keepDays: FEEDBACK_KEEP_DAYS,
    });
  });

  return router;
}
