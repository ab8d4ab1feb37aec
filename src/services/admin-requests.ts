/** Staff routes of the request inbox: the list, the request page, review, assignment, notes, cancelling, attachments. */
import type { Router } from 'express';
import { DomainError } from '../lib/errors.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localized, translate } from '../web/i18n.ts';
import { readAttachment } from './attachments.ts';
import { FormError, type StaffPage } from './admin-page.ts';
import { labels } from './present.ts';
import {
  REQUEST_STATES,
  assignForm,
  cancelForm,
  confirmed,
  idParam,
  noteForm,
  staffListQuery,
} from './schemas.ts';
import {
  addNote,
  assign,
  assignableStaff,
  cancelRequest,
  getRequest,
  listRequests,
  startReview,
  workflowCounts,
} from './service.ts';
import { pageLinks } from '../web/pagination.ts';

export function requestAdminRoutes(router: Router, page: StaffPage): void {
  const { ctx, renderShow, action } = page;

  router.get('/requests', async (req, res) => {
    const query = staffListQuery.parse(req.query);
    const [list, counts, staff] = await Promise.all([
      listRequests(query),
      workflowCounts(),
      assignableStaff(),
    ]);
    res.render('services/admin/list', {
      titleKey: 'requests.adminTitle',
      query,
      counts,
      states: REQUEST_STATES.map((s) => ({
        value: s,
        label: labels.state(req.lang, s),
        selected: query.state === s,
      })),
      staff: staff.map((s) => ({
        id: String(s._id),
        name: s.name,
        selected: query.assignee === String(s._id),
      })),
      unassignedSelected: query.assignee === 'none',
      items: list.items.map((r) => ({
        id: String(r._id),
        reference: r.reference,
        company: r.company?.name,
        state: r.state,
        stateLabel: labels.state(req.lang, r.state),
        service: localized(r.serviceTitle, req.lang),
        assigneeName: r.assigneeName,
        createdAt: r.createdAt,
      })),
      currentQuery: { q: query.q, state: query.state, assignee: query.assignee, due: query.due },
      dueLabel: query.due ? translate(req.lang, `today.due.${query.due}`) : '',
      ...pageLinks({ total: list.total, page: query.page, pages: list.pages }),
    });
  });

  router.get('/requests/:id', (req, res) => renderShow(req, res));

  router.post(
    '/requests/:id/review',
    action((req, id) => startReview(id, ctx(req))),
  );
  router.post(
    '/requests/:id/assign',
    action((req, id) => {
      const parsed = parseForm(assignForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: parsed.errors });
      return assign(id, parsed.data.assignee, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/notes',
    action((req, id) => {
      const parsed = parseForm(noteForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: parsed.errors });
      return addNote(id, parsed.data.note, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/cancel',
    action((req, id) => {
      const parsed = parseForm(cancelForm, req.body);
      const errors: FieldErrors = {};
      if (!parsed.ok) errors.cancelReason = parsed.errors.reason!;
      if (!confirmed(req.body)) errors.confirmCancel = { key: 'confirm.required', params: {} };
      if (!parsed.ok || errors.confirmCancel) throw new FormError({ errors });
      return cancelRequest(id, parsed.data.reason, ctx(req));
    }),
  );

  router.get('/requests/:id/attachments/:key', async (req, res) => {
    const { id } = parseParams(idParam, { id: req.params.id });
    const request = await getRequest(id);
    const ref = request.attachments.find((a) => a.key === req.params.key);
    const data = ref ? await readAttachment(ref.key) : null;
    if (!ref || !data) throw new DomainError(404, 'errors.notFound');
    res.set('Content-Type', ref.mime);
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(ref.name)}`);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Content-Security-Policy', "default-src 'none'; sandbox");
    res.send(data);
  });
}
