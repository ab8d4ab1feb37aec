import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { catalogAdminRoutes } from './catalog/admin-routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { catalogNotFound } from './catalog/not-found.ts';
import { startPublicCatalogue } from './catalog/service.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { createMailer } from './mail/mailer.ts';
import { outboxRoutes } from './mail/routes.ts';
import { mailLogoRoute } from './mail/logo.ts';
import { ordersAdminRoutes } from './orders/admin-routes.ts';
import { checkoutRoutes } from './orders/checkout-routes.ts';
import { cartRoutes } from './orders/routes.ts';
import { cartCookie } from './orders/cart-cookie.ts';
import { createCommerce, type Commerce } from './payments/service.ts';
import { stripeWebhookRoutes } from './payments/webhook.ts';
import type { Config } from './config.ts';
import { databaseReady } from './db/connection.ts';
import type { FileStorage } from './media/storage.ts';
import { participantsRoutes } from './participants/routes.ts';
import { ownPageRoutes } from './participants/own-routes.ts';
import { impactAdminRoutes } from './impact/admin-routes.ts';
import { impactRoutes } from './impact/routes.ts';
import { supportedPeople } from './impact/service.ts';
import { serviceAdminRoutes } from './services/admin-routes.ts';
import { serviceRequestRoutes } from './services/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { siteRoutes } from './site/routes.ts';
import { lockerRoutes } from './lockers/routes.ts';
import { settingsLogoRoutes } from './settings/logo-routes.ts';
import { stipendsRoutes } from './stipends/routes.ts';
import { fairRoutes, fairServiceWorkerRoute } from './fair/routes.ts';
import { getSettings, pickupInfo, type Settings } from './settings/service.ts';
import { authRoutes } from './staff/auth-routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { staffLayout } from './web/staff-layout.ts';
import { loadStaff } from './web/auth.ts';
import { noStoreForPrivatePages, noStoreForStaff } from './web/cache.ts';
import { csrfProtection } from './web/csrf.ts';
import { dashboardRoutes } from './web/dashboard.ts';
import { errorHandler, notFound } from './web/errors.ts';
import { exposeFlash } from './web/flash.ts';
import { pageMeta } from './web/page-meta.ts';
import { preferenceRoutes, preferences } from './web/prefs.ts';
import { securityHeaders } from './web/security.ts';
import { saveSessionBeforeRedirect, sessionCookieName, sessionStore } from './web/sessions.ts';
import './web/types.ts';
import { viewEngine } from './web/views.ts';
import { requestSerializers } from './web/logging.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDeps {
  config: Config;
  logger: Logger;
  storage: FileStorage;
  /** Directory served at /media when the storage is on local disk. */
  mediaDir?: string;
  /** Built from the config when not given (the server shares it with the scheduled jobs). */
  commerce?: Commerce;
}

/** Stripe (when configured) and order e-mails, as the routes and the jobs use them. */
export function buildCommerce(config: Config, logger: Logger): Commerce {
  return createCommerce({ config, logger, mailer: createMailer(config, { logger }) });
}

/** Builds the Express app from the modules; listening is the caller's job (tests import this). */
export function createApp({ config, logger, storage, mediaDir, ...deps }: AppDeps): express.Express {
  const commerce = deps.commerce ?? buildCommerce(config, logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.engine('hbs', viewEngine(ROOT));
  app.set('view engine', 'hbs');
  app.set('views', path.join(ROOT, 'views'));
  if (config.env === 'production') app.enable('view cache');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });

  app.use(securityHeaders({ https: config.secureCookies }));
  app.use(noStoreForPrivatePages);
  app.use(
    '/static',
    express.static(path.join(ROOT, 'public'), {
      index: false,
      maxAge: config.env === 'production' ? '1d' : 0,
    }),
  );
  if (mediaDir) {
    app.use(
      '/media',
      express.static(mediaDir, {
        index: false,
        dotfiles: 'deny',
        immutable: true,
        maxAge: '365d',
        fallthrough: false,
      }),
    );
  }

  app.use(mailLogoRoute(storage));
  app.use(
    pinoHttp({
      logger,
      serializers: requestSerializers,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  // Before any body parsing, session or CSRF: Stripe signs the raw body.
  app.use(stripeWebhookRoutes({ commerce, logger }));
  app.use(cookieParser());
  // The buyer's cart: a signed cookie, not a session (src/orders/cart-cookie.ts).
  app.use(cartCookie({ secret: config.sessionSecret, secure: config.secureCookies }));
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 }));
  // Express 5 leaves the body undefined for other content types (JSON, say): forms then see no fields.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    req.body ??= {};
    next();
  });
  const sessions = session({
    name: sessionCookieName(config.secureCookies),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy > 0,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: 8 * 3600 * 1000,
      path: '/',
    },
    store: sessionStore(),
  });
  // Only staff have sessions: a page read (GET, HEAD) without a session cookie has none to load and
  // makes none, so it skips the session middleware altogether (no id drawn, no hooks on the answer).
  const sessionCookie = sessionCookieName(config.secureCookies);
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.method === 'GET' || req.method === 'HEAD') && req.cookies?.[sessionCookie] === undefined
      ? next()
      : sessions(req, res, next),
  );
  app.use(saveSessionBeforeRedirect);
  app.use(preferences);
  app.use(loadStaff);
  app.use(staffLayout);
  app.use(noStoreForStaff);
  app.use(exposeFlash);
  app.use(pageMeta(config.publicUrl));
  // This instance's in-memory public catalogue (src/catalog/memory/), following the change log.
  const catalogue = startPublicCatalogue(logger, {
    followMs: config.catalogueFollowMs,
    gapMs: Math.max(1_000, config.catalogueFollowMs * 5),
    rebuildMs: 15 * 60_000,
  });
  // Staff pages read the stored settings; anonymous pages their copy in memory (no database read).
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    res.locals.settings = req.staff ? await getSettings() : (await catalogue.ready()).settings();
    res.locals.pickup = pickupInfo(res.locals.settings as Settings | null, req.lang);
    next();
  });

  const csrf = csrfProtection({ secret: config.sessionSecret, secure: config.secureCookies });
  app.use(csrf.verify);
  // Every staff page has forms (sign-out at least); anonymous pages ask for a token only where they have one.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.staff ? csrf.issueToken(req, res, next) : next(),
  );

  // "Your purchase supports N people" on the product and order pages: kept in memory (impact module).
  app.use(['/products', '/orders'], async (_req: Request, res: Response, next: NextFunction) => {
    res.locals.supportedPeople = await supportedPeople();
    next();
  });
  app.use(preferenceRoutes(config.secureCookies));
  app.use(cartRoutes({ csrf, storage }));
  app.use(catalogRoutes({ storage, csrf, catalogue }));
  app.locals.catalogue = catalogue;
  app.use(checkoutRoutes({ csrf, storage, commerce }));
  app.use(authRoutes({ csrf, config }));
  const moduleDeps = { csrf, storage, commerce, config };
  app.use(serviceRequestRoutes(moduleDeps));
  app.use(siteRoutes({ ...moduleDeps, catalogue }));
  app.use(ownPageRoutes(moduleDeps));
  app.use(impactRoutes());
  app.use('/admin', dashboardRoutes());
  app.use('/admin', catalogAdminRoutes({ storage, config, csrf }));
  app.use('/admin', staffRoutes());
  app.use('/admin', settingsRoutes());
  app.use('/admin', lockerRoutes({ csrf }));
  app.use('/admin', settingsLogoRoutes({ storage, config, csrf }));
  app.use('/admin', notificationRoutes());
  app.use('/admin', ordersAdminRoutes({ commerce }));
  app.use('/admin', outboxRoutes());
  app.use('/admin', ledgerRoutes());
  app.use('/admin', serviceAdminRoutes(moduleDeps));
  app.use('/admin', participantsRoutes(moduleDeps));
  app.use('/admin', stipendsRoutes(moduleDeps));
  app.use('/admin', impactAdminRoutes());
  app.use(fairServiceWorkerRoute());
  app.use('/admin', fairRoutes(moduleDeps));

  app.use(notFound);
  app.use(catalogNotFound({ catalogue }));
  app.use(errorHandler(logger));
  return app;
}
