/**
 * The page a business lands on after answering a quote (`/requests/<token>/quotes/<v>/next`): what
 * it answered, that a confirmation went by e-mail, and what happens next. A quote not answered
 * (yet) has no such page: the address leads to the request page.
 */
import type { Router } from 'express';
import { getSettings } from '../settings/service.ts';
import { parseParams } from '../web/form-fields.ts';
import { nextSteps } from './business-mail.ts';
import { tokenVersionParam } from './schemas.ts';
import { getQuote, requestByToken } from './service.ts';

export function answerRoutes(router: Router): void {
  router.get('/requests/:token/quotes/:version/next', async (req, res) => {
    const { token, version } = parseParams(tokenVersionParam, req.params);
    const request = await requestByToken(token);
    const quote = await getQuote(request._id, version);
    if (quote.status !== 'accepted' && quote.status !== 'declined') {
      return res.redirect(303, `/requests/${token}`);
    }
    const answer = quote.status;
    const settings = await getSettings();
    res.set('X-Robots-Tag', 'noindex');
    res.render('services/answered', {
      titleKey: `answer.title.${answer}`,
      noindex: true,
      answer,
      accepted: answer === 'accepted',
      token,
      reference: request.reference,
      email: request.contact?.email ?? '',
      quote: {
        version: quote.version,
        grossCents: quote.totals?.grossCents ?? 0,
        acceptedBy: quote.acceptedBy ?? '',
        reason: quote.declineReason ?? '',
        at: answer === 'accepted' ? quote.acceptedAt : quote.declinedAt,
      },
      steps: nextSteps(answer, quote.leadTimeDays ?? 0),
      leadTimeDays: quote.leadTimeDays ?? 0,
      contact: { email: settings.email ?? '', phone: settings.phone ?? '' },
    });
  });
}
