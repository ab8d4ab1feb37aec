import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { loadConfig } from '../../src/config.ts';
import { useParticipantDataKeys } from '../../src/participants/crypto.ts';
import { AuditEntry, Participant } from '../../src/participants/model.ts';
import { paymentDetails } from '../../src/participants/service.ts';
import { makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage } from './helpers.ts';

const IBAN = 'LT121000011101001000';
const IBAN_SPACED = 'LT12 1000 0111 0100 1000';
const NOTES = 'Needs the ramp entrance; mother is the contact';

describe('participants register', () => {
  const t = useTestApp();
  let admin: Agent;
  let master: Agent;
  let marketing: Agent;
  let adminId: string;
  let masterId: string;

  before(async () => {
    const a = await makeStaff('admin');
    adminId = a.id;
    admin = await signIn(t.app, a);
    const m = await makeStaff('master');
    masterId = m.id;
    master = await signIn(t.app, m);
    marketing = await signInAs(t.app, 'marketing');
  });

  async function create(agent: Agent, fields: Record<string, string>, status = 303) {
    const token = await tokenFor(agent, '/admin/participants/new');
    return agent
      .post('/admin/participants')
      .type('form')
      .send({ _csrf: token, displayName: 'Ona', code: 'D-1', startDate: '2026-01-05', ...fields })
      .expect(status);
  }

  function idFrom(res: { headers: Record<string, unknown> }): string {
    const m = /^\/admin\/participants\/([a-f0-9]{24})$/.exec(String(res.headers.location));
    if (!m) throw new Error(`not a participant redirect: ${String(res.headers.location)}`);
    return m[1]!;
  }

  async function rawCollection(name: string) {
    return mongoose.connection.db!.collection(name);
  }

  describe('admin', () => {
    let id: string;

    it('registers a participant with an IBAN and notes, stored encrypted', async () => {
      const res = await create(admin, {
        displayName: 'Ona Onaitė',
        code: 'D-001',
        consentToName: 'on',
        publicName: 'Ona',
        iban: IBAN_SPACED,
        notes: NOTES,
      });
      id = idFrom(res);
      const raw = await (
        await rawCollection('participants')
      ).findOne({ _id: new mongoose.Types.ObjectId(id) });
      const text = JSON.stringify(raw);
      expect(text).to.not.contain(IBAN);
      expect(text).to.not.contain('1000 0111');
      expect(text).to.not.contain('01001000');
      expect(text).to.not.contain('ramp entrance');
      expect(raw!.iban).to.have.keys(['kid', 'iv', 'tag', 'ct']);
      expect(raw!.iban.kid).to.match(/^[a-f0-9]{12}$/);
      expect(raw!.displayName).to.equal('Ona Onaitė');
      const [details] = await paymentDetails([id], { id: adminId, role: 'admin', name: 'A' });
      expect(details).to.deep.equal({ id, displayName: 'Ona Onaitė', code: 'D-001', iban: IBAN });
    });

    it('shows the IBAN masked in the list and on the page, in full only when revealed', async () => {
      const list = await admin.get('/admin/participants').expect(200);
      expect(list.text).to.contain('Ona Onaitė');
      expect(list.text).to.contain('LT•• •••• 1000');
      expect(list.text).to.not.contain(IBAN_SPACED);
      const page = await admin.get(`/admin/participants/${id}`).expect(200);
      expect(page.text).to.contain('LT•• •••• 1000');
      expect(page.text).to.not.contain(IBAN_SPACED);
      expect(page.text).to.contain(NOTES);
      const revealed = await admin.get(`/admin/participants/${id}?show=iban`).expect(200);
      expect(revealed.text).to.contain(IBAN_SPACED);
    });

    it('logs list views, page views and reveals, naming fields but never values', async () => {
      const entries = await AuditEntry.find({ participantIds: id }).sort({ at: 1 }).lean();
      expect(entries.map((e) => e.action)).to.deep.equal([
        'create',
        'paymentDetails',
        'list',
        'view',
        'ibanReveal',
      ]);
      for (const e of entries) {
        expect(e.actorId).to.equal(adminId);
        expect(e.actorRole).to.equal('admin');
      }
      expect(entries[0]!.fields).to.include.members(['displayName', 'iban', 'notes']);
      const text = JSON.stringify(entries);
      expect(text).to.not.contain(IBAN);
      expect(text).to.not.contain('ramp');
    });

    it('edits: changed fields are logged; an empty IBAN keeps the account; it can be removed', async () => {
      const token = await tokenFor(admin, `/admin/participants/${id}/edit`);
      await admin
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({
          _csrf: token,
          displayName: 'Ona Onaitė',
          code: 'D-001',
          startDate: '2026-01-05',
          consentToName: 'on',
          publicName: 'Ona O.',
          iban: '',
          notes: NOTES,
        })
        .expect(303);
      const update = await AuditEntry.findOne({ participantIds: id, action: 'update' }).lean();
      expect(update!.fields).to.deep.equal(['publicName']);
      let [details] = await paymentDetails([id], { id: adminId, role: 'admin' });
      expect(details!.iban).to.equal(IBAN);

      await admin
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({
          _csrf: token,
          displayName: 'Ona Onaitė',
          code: 'D-001',
          startDate: '2026-01-05',
          publicName: 'Ona O.',
          consentToName: 'on',
          removeIban: 'on',
          notes: 'Changed note',
        })
        .expect(303);
      const last = await AuditEntry.findOne({ participantIds: id, action: 'update' })
        .sort({ at: -1, _id: -1 })
        .lean();
      expect(last!.fields).to.have.members(['iban', 'notes']);
      [details] = await paymentDetails([id], { id: adminId, role: 'admin' });
      expect(details!.iban).to.equal(null);
    });

    it('filters the audit log by participant and actor, for admins only', async () => {
      const other = idFrom(await create(admin, { displayName: 'Petras', code: 'D-002' }));
      const byParticipant = await admin.get(`/admin/participants/audit?participant=${other}`).expect(200);
      expect(byParticipant.text).to.contain('Petras');
      expectMessage(byParticipant.text, 'audit.found.one', { count: 1 });
      const byActor = await admin.get(`/admin/participants/audit?actor=${masterId}`).expect(200);
      expectMessage(byActor.text, 'audit.none');
      await master.get('/admin/participants/audit').expect(403);
      await marketing.get('/admin/participants/audit').expect(403);
    });

    it('paginates the audit log', async () => {
      const docs = Array.from({ length: 60 }, (_, i) => ({
        at: new Date(Date.UTC(2020, 0, 1, 0, i)),
        actorId: adminId,
        actorName: 'Bulk',
        actorRole: 'admin',
        action: 'view',
        participantIds: [id],
        fields: ['displayName'],
      }));
      await AuditEntry.insertMany(docs);
      const first = await admin.get(`/admin/participants/audit?participant=${id}`).expect(200);
      expect(first.text).to.contain('rel="next"');
      const second = await admin.get(`/admin/participants/audit?participant=${id}&page=2`).expect(200);
      expect(second.text).to.contain('rel="prev"');
    });

    it('ends participation, not before it started', async () => {
      const token = await tokenFor(admin, `/admin/participants/${id}`);
      const bad = await admin
        .post(`/admin/participants/${id}/end`)
        .type('form')
        .send({ _csrf: token, endDate: '2025-12-31' })
        .expect(422);
      expectFieldError(bad.text, 'endDate', 'participant.errors.endBeforeStart');
      await admin
        .post(`/admin/participants/${id}/end`)
        .type('form')
        .send({ _csrf: token, endDate: '2026-06-30' })
        .expect(303);
      expect((await Participant.findById(id).lean())!.endDate).to.equal('2026-06-30');
      const ended = await admin.get('/admin/participants?status=ended').expect(200);
      expect(ended.text).to.contain('Ona Onaitė');
      const active = await admin.get('/admin/participants?status=active').expect(200);
      expect(active.text).to.not.contain('Ona Onaitė');
    });

    it('searches by name or code, with diacritics folded', async () => {
      const res = await admin.get('/admin/participants?status=all&q=onaite').expect(200);
      expect(res.text).to.contain('Ona Onaitė');
      expect(res.text).to.not.contain('Petras');
      const byCode = await admin.get('/admin/participants?status=all&q=d-002').expect(200);
      expect(byCode.text).to.contain('Petras');
      expect(byCode.text).to.not.contain('Ona Onaitė');
    });
  });

  describe('validation', () => {
    async function refused(fields: Record<string, string>, field: string, key: string) {
      const before = await Participant.countDocuments();
      const res = await create(admin, fields, 422);
      expectFieldError(res.text, field, key);
      expect(await Participant.countDocuments()).to.equal(before);
      return res;
    }

    it('refuses a bad IBAN checksum and keeps what was typed', async () => {
      const res = await refused(
        { code: 'V-1', iban: 'LT121000011101001001' },
        'iban',
        'participant.errors.iban',
      );
      expect(res.text).to.contain('LT121000011101001001');
    });

    it('marks every bad field at once', async () => {
      const res = await create(
        admin,
        { code: 'V-8', iban: 'LT00123', endDate: '2025-01-01', consentToName: 'on' },
        422,
      );
      expectFieldError(res.text, 'iban', 'participant.errors.iban');
      expectFieldError(res.text, 'endDate', 'participant.errors.endBeforeStart');
      expectFieldError(res.text, 'publicName', 'participant.errors.publicNameRequired');
      expect(await Participant.exists({ code: 'V-8' })).to.equal(null);
    });

    it('keeps multi-line notes as typed in the edit form', async () => {
      const id = idFrom(await create(admin, { code: 'V-9', notes: 'first line\nsecond line' }));
      const form = await admin.get(`/admin/participants/${id}/edit`).expect(200);
      expect(form.text).to.match(/<textarea id="notes"[^>]*>first line\nsecond line<\/textarea>/);
    });

    it('refuses an end before the start', async () => {
      await refused({ code: 'V-2', endDate: '2026-01-04' }, 'endDate', 'participant.errors.endBeforeStart');
    });

    it('refuses a duplicate code, whatever its case', async () => {
      await create(admin, { code: 'DUP-1' });
      await refused({ code: 'dup-1' }, 'code', 'participant.errors.codeTaken');
    });

    it('refuses a missing name, a malformed date and consent without a public name', async () => {
      await refused({ code: 'V-3', displayName: '  ' }, 'displayName', 'errors.required');
      await refused({ code: 'V-4', startDate: '2026-02-30' }, 'startDate', 'participant.errors.date');
      await refused(
        { code: 'V-5', consentToName: 'on', publicName: '' },
        'publicName',
        'participant.errors.publicNameRequired',
      );
    });

    it('refuses operator-shaped and repeated fields without storing anything', async () => {
      const before = await Participant.countDocuments();
      const token = await tokenFor(admin, '/admin/participants/new');
      await admin
        .post('/admin/participants')
        .type('form')
        .send(`_csrf=${encodeURIComponent(token)}&displayName[$ne]=x&code=V-6&startDate=2026-01-01`)
        .expect(422);
      await admin
        .post('/admin/participants')
        .type('form')
        .send(`_csrf=${encodeURIComponent(token)}&displayName=A&displayName=B&code=V-7&startDate=2026-01-01`)
        .expect(422);
      const search = await admin.get('/admin/participants?q[$regex]=.*&status[$ne]=x').expect(200);
      expect(search.text).to.contain('participants');
      expect(await Participant.countDocuments()).to.equal(before);
    });

    it('answers 404 for a malformed or unknown participant id', async () => {
      await admin.get('/admin/participants/not-an-id').expect(404);
      await admin.get(`/admin/participants/${new mongoose.Types.ObjectId().toString()}`).expect(404);
    });
  });

  describe('roles', () => {
    let id: string;

    before(async () => {
      id = idFrom(
        await create(admin, {
          displayName: 'Jonas Jonaitis',
          code: 'R-1',
          iban: 'LT601010012345678901',
          notes: 'Secret-note-text',
        }),
      );
    });

    it('master registers and edits, but sees no IBAN and no notes anywhere', async () => {
      const res = await create(master, { displayName: 'Meistro dalyvis', code: 'M-1' });
      const created = idFrom(res);
      const log = await AuditEntry.findOne({ participantIds: created, action: 'create' }).lean();
      expect(log!.actorId).to.equal(masterId);
      expect(log!.actorRole).to.equal('master');
      for (const url of [
        '/admin/participants',
        `/admin/participants/${id}`,
        `/admin/participants/${id}/edit`,
      ]) {
        const page = await master.get(url).expect(200);
        expect(page.text, url).to.contain('Jonas Jonaitis');
        expect(page.text, url).to.not.contain('LT60');
        expect(page.text, url).to.not.contain('5678901');
        expect(page.text, url).to.not.contain('Secret-note-text');
        expect(page.text, url).to.not.contain('name="iban"');
        expect(page.text, url).to.not.contain('name="notes"');
      }
      await master.get(`/admin/participants/${id}?show=iban`).expect(403);
    });

    it('refuses an IBAN or notes posted by a master, changing nothing', async () => {
      const token = await tokenFor(master, `/admin/participants/${id}/edit`);
      const fields = { _csrf: token, displayName: 'Jonas J.', code: 'R-1', startDate: '2026-01-05' };
      await master
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({ ...fields, iban: 'LT121000011101001000' })
        .expect(403);
      await master
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({ ...fields, notes: 'x' })
        .expect(403);
      await create(master, { code: 'M-2', iban: 'LT121000011101001000' }, 403);
      const p = await Participant.findById(id).lean();
      expect(p!.displayName).to.equal('Jonas Jonaitis');
      expect(await Participant.exists({ code: 'M-2' })).to.equal(null);
      const [details] = await paymentDetails([id], { id: adminId, role: 'admin' });
      expect(details!.iban).to.equal('LT601010012345678901');
    });

    it('master editing keeps the IBAN and notes an admin set', async () => {
      const token = await tokenFor(master, `/admin/participants/${id}/edit`);
      await master
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({
          _csrf: token,
          displayName: 'Jonas Jonaitis',
          code: 'R-1',
          startDate: '2026-01-05',
          publicName: 'Jonas',
        })
        .expect(303);
      const page = await admin.get(`/admin/participants/${id}`).expect(200);
      expect(page.text).to.contain('Secret-note-text');
      const [details] = await paymentDetails([id], { id: adminId, role: 'admin' });
      expect(details!.iban).to.equal('LT601010012345678901');
    });

    it('paymentDetails is for admins only', async () => {
      let error: unknown;
      try {
        await paymentDetails([id], { id: masterId, role: 'master' });
      } catch (err) {
        error = err;
      }
      expect(error).to.have.property('status', 403);
    });

    it('marketing gets 403 on every page and form', async () => {
      const token = await tokenFor(marketing);
      for (const url of [
        '/admin/participants',
        '/admin/participants/new',
        `/admin/participants/${id}`,
        `/admin/participants/${id}/edit`,
        '/admin/participants/audit',
        '/admin/attendance',
        '/admin/contributions',
      ]) {
        await marketing.get(url).expect(403);
      }
      for (const url of [
        '/admin/participants',
        `/admin/participants/${id}`,
        `/admin/participants/${id}/end`,
      ]) {
        await marketing
          .post(url)
          .type('form')
          .send({
            _csrf: token,
            displayName: 'X',
            code: 'MK-1',
            startDate: '2026-01-01',
            endDate: '2026-01-02',
          })
          .expect(403);
      }
      await marketing
        .post(`/admin/attendance?_csrf=${encodeURIComponent(token)}`)
        .field('period', '2026-01')
        .expect(403);
      await marketing
        .post(`/admin/contributions?_csrf=${encodeURIComponent(token)}`)
        .field('period', '2026-01')
        .expect(403);
      expect((await Participant.findById(id).lean())!.endDate).to.equal(null);
      expect(await Participant.exists({ code: 'MK-1' })).to.equal(null);
    });

    it('shows the register and contributions tiles to masters and admins only', async () => {
      for (const agent of [master, admin]) {
        const home = await agent.get('/admin').expect(200);
        expect(home.text).to.contain('class="tile" href="/admin/participants"');
        expect(home.text).to.contain('class="tile" href="/admin/contributions"');
      }
      const home = await marketing.get('/admin').expect(200);
      expect(home.text).to.not.contain('href="/admin/participants"');
      expect(home.text).to.not.contain('href="/admin/contributions"');
    });

    it('sends anonymous visitors to the login page', async () => {
      for (const url of [
        '/admin/participants',
        `/admin/participants/${id}`,
        '/admin/attendance',
        '/admin/contributions',
      ]) {
        const res = await request(t.app).get(url).expect(303);
        expect(res.headers.location).to.match(/^\/login/);
      }
    });
  });
  describe('key rotation', () => {
    after(() => useParticipantDataKeys(t.config.participantDataKeys));

    it('opens data sealed with an older key and seals it again with the new one on save', async () => {
      const id = idFrom(
        await create(admin, { displayName: 'Rasa', code: 'K-1', iban: IBAN, notes: 'old-key note' }),
      );
      const oldKid = (await Participant.findById(id).lean())!.iban!.kid;
      const newKey = randomBytes(32).toString('base64');
      const old = t.config.participantDataKeys.map((k) => k.key.toString('base64')).join(',');
      useParticipantDataKeys(loadConfig({ PARTICIPANT_DATA_KEY: `${newKey},${old}` }).participantDataKeys);

      const page = await admin.get(`/admin/participants/${id}?show=iban`).expect(200);
      expect(page.text).to.contain(IBAN_SPACED);
      const token = await tokenFor(admin, `/admin/participants/${id}/edit`);
      await admin
        .post(`/admin/participants/${id}`)
        .type('form')
        .send({
          _csrf: token,
          displayName: 'Rasa R.',
          code: 'K-1',
          startDate: '2026-01-05',
          notes: 'old-key note',
        })
        .expect(303);
      const raw = (await Participant.findById(id).lean())!;
      expect(raw.iban!.kid).to.not.equal(oldKid);
      expect(raw.notes!.kid).to.equal(raw.iban!.kid);
      useParticipantDataKeys(loadConfig({ PARTICIPANT_DATA_KEY: newKey }).participantDataKeys);
      const [details] = await paymentDetails([id], { id: adminId, role: 'admin' });
      expect(details!.iban).to.equal(IBAN);
    });
  });
});
