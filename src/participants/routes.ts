import { Router, type Request, type Response } from 'express';
import { FieldError, ForbiddenError } from '../lib/errors.ts';
import { vilniusDate } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { actorOf } from './actor.ts';
import { auditActors, listAudit, type AuditAction } from './audit.ts';
import { useParticipantDataKeys } from './crypto.ts';
import {
  createParticipant,
  endParticipation,
  isAdmin,
  listParticipants,
  participantChoices,
  updateParticipant,
  viewParticipant,
  type ParticipantInput,
  type ParticipantView,
} from './register.ts';
import {
  ADMIN_ONLY_FIELDS,
  adminParticipantForm,
  auditQuery,
  endForm,
  idParam,
  listQuery,
  participantForm,
} from './schemas.ts';
import { getParticipantNames } from './service.ts';
import { workRoutes } from './work-routes.ts';
import { bankRoutes } from './bank-routes.ts';
import { ownAdminRoutes, ownPageSection } from './own-routes.ts';
import { pageLinks } from '../web/pagination.ts';

const ACTION_LABELS: Record<AuditAction, string> = {
  list: 'audit.actions.list',
  view: 'audit.actions.view',
  create: 'audit.actions.create',
  update: 'audit.actions.update',
  end: 'audit.actions.end',
  ibanReveal: 'audit.actions.ibanReveal',
  paymentDetails: 'audit.actions.paymentDetails',
  selfView: 'audit.actions.selfView',
  link: 'audit.actions.link',
  linkOff: 'audit.actions.linkOff',
  consent: 'audit.actions.consent',
};

/** The form's fields: administrators send bank account and notes, other roles may not. */
function parseParticipant(req: Request) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!isAdmin(actorOf(req))) {
    if (ADMIN_ONLY_FIELDS.some((f) => f in body)) throw new ForbiddenError();
    return parseForm(participantForm, body);
  }
  const parsed = parseForm(adminParticipantForm, body);
  if (!parsed.ok) return parsed;
  const { iban, removeIban, notes, ...rest } = parsed.data;
  const input: ParticipantInput = { ...rest, notes };
  if (removeIban) input.iban = null;
  else if (iban !== '') input.iban = iban;
  return { ok: true as const, data: input };
}

function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  }
  return values;
}

function valuesOf(p: ParticipantView): Record<string, string> {
  return {
    displayName: p.displayName,
    code: p.code,
    startDate: p.startDate,
    endDate: p.endDate ?? '',
    consentToName: p.consentToName ? 'on' : '',
    publicName: p.publicName,
    notes: p.notes ?? '',
  };
}

const FIELD_LABELS: Record<string, string> = {
  displayName: 'participant.displayName',
  code: 'participant.code',
  startDate: 'participant.startDate',
  endDate: 'participant.endDate',
  consentToName: 'participant.consentShort',
  publicName: 'participant.publicName',
  iban: 'participant.iban',
  notes: 'participant.notes',
  attendanceDays: 'attendance.days',
  contributions: 'contributions.weight',
};

/** Participants register, attendance and contributions (master, admin), mounted under /admin. */
export function participantsRoutes(deps: ModuleRouteDeps): Router {
  useParticipantDataKeys(deps.config.participantDataKeys);
  const router = Router();
  router.use(['/participants', '/attendance', '/contributions'], requireRole('admin', 'master'));
  router.use(bankRoutes());
  router.use(ownAdminRoutes(deps));

  function renderForm(
    res: Response,
    view: { participant?: ParticipantView; values: Record<string, string>; errors?: FieldErrors },
    status = 200,
  ) {
    res.status(status).render('participants/form', {
      titleKey: view.participant ? 'participant.editTitle' : 'participant.newTitle',
      participant: view.participant,
      values: view.values,
      errors: view.errors ?? {},
    });
  }

  function fieldErrors(err: unknown): FieldErrors {
    if (err instanceof FieldError) return { [err.field]: { key: err.messageKey, params: err.params } };
    throw err;
  }

  router.get('/participants', async (req, res) => {
    const query = listQuery.parse(req.query);
    const ibanMissing = query.iban === 'missing' && req.staff?.role === 'admin';
    const today = vilniusDate(new Date());
    const result = await listParticipants({ ...query, today, ibanMissing }, actorOf(req));
    res.render('participants/list', {
      titleKey: 'participants.title',
      participants: result.items,
      query,
      ibanMissing,
      currentQuery: { q: query.q, status: query.status, iban: ibanMissing ? 'missing' : undefined },
      ...pageLinks(result),
    });
  });

  router.get('/participants/new', (_req, res) => {
    renderForm(res, { values: { startDate: vilniusDate(new Date()) } });
  });

  router.post('/participants', async (req, res) => {
    const parsed = parseParticipant(req);
    const values = formValues(req.body);
    if (!parsed.ok) return renderForm(res, { values, errors: parsed.errors }, 422);
    try {
      const id = await createParticipant(parsed.data, actorOf(req));
      flash(req, 'success', 'participant.created');
      res.redirect(303, `/admin/participants/${id}`);
    } catch (err) {
      renderForm(res, { values, errors: fieldErrors(err) }, 422);
    }
  });

  router.get('/participants/audit', requireRole('admin'), async (req, res) => {
    const query = auditQuery.parse(req.query);
    const result = await listAudit({
      participantId: query.participant || undefined,
      actorId: query.actor || undefined,
      page: query.page,
    });
    const ids = [...new Set(result.items.flatMap((e) => e.participantIds))];
    const names = new Map((await getParticipantNames(ids)).map((p) => [p.id, p]));
    res.render('participants/audit', {
      titleKey: 'audit.title',
      entries: result.items.map((e) => ({
        at: e.at,
        actorName: e.actorName,
        actorRole: e.actorRole,
        actionKey: ACTION_LABELS[e.action as AuditAction] ?? e.action,
        fieldKeys: e.fields.map((f) => FIELD_LABELS[f] ?? f),
        context: e.context,
        participants: e.participantIds.map((id) => ({
          id,
          name: names.get(id)?.displayName ?? id,
          code: names.get(id)?.code ?? '',
        })),
      })),
      people: await participantChoices(),
      actors: await auditActors(),
      query,
      currentQuery: { participant: query.participant, actor: query.actor },
      ...pageLinks(result),
    });
  });

  router.get('/participants/:id', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const reveal = req.query.show === 'iban';
    const participant = await viewParticipant(id, actorOf(req), reveal);
    res.render('participants/show', {
      titleKey: 'participant.title',
      participant,
      today: participant.endDate ?? vilniusDate(new Date()),
      errors: {},
      own: await ownPageSection(id),
    });
  });

  router.get('/participants/:id/edit', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const participant = await viewParticipant(id, actorOf(req));
    renderForm(res, { participant, values: valuesOf(participant) });
  });

  router.post('/participants/:id', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const parsed = parseParticipant(req);
    const values = formValues(req.body);
    if (!parsed.ok) {
      const participant = await viewParticipant(id, actorOf(req));
      return renderForm(res, { participant, values, errors: parsed.errors }, 422);
    }
    try {
      const changed = await updateParticipant(id, parsed.data, actorOf(req));
      flash(req, 'success', changed.length ? 'participant.saved' : 'participant.unchanged');
      res.redirect(303, `/admin/participants/${id}`);
    } catch (err) {
      const errors = fieldErrors(err);
      const participant = await viewParticipant(id, actorOf(req));
      renderForm(res, { participant, values, errors }, 422);
    }
  });

  router.post('/participants/:id/end', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const parsed = parseForm(endForm, req.body);
    let errors: FieldErrors | null = parsed.ok ? null : parsed.errors;
    if (parsed.ok) {
      try {
        await endParticipation(id, parsed.data.endDate, actorOf(req));
        flash(req, 'success', 'participant.ended');
        return res.redirect(303, `/admin/participants/${id}`);
      } catch (err) {
        errors = fieldErrors(err);
      }
    }
    const participant = await viewParticipant(id, actorOf(req));
    res.status(422).render('participants/show', {
      titleKey: 'participant.title',
      participant,
      today: typeof req.body?.endDate === 'string' ? req.body.endDate : '',
      errors,
    });
  });

  router.use(workRoutes(deps.csrf));
  return router;
}
