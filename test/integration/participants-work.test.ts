import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { noteMakersChanged } from '../../src/catalog/service.ts';
import { postEntry } from '../../src/ledger/service.ts';
import { Attendance, AuditEntry, Contribution } from '../../src/participants/model.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { contributionsForJob, getParticipantNames, periodInputs } from '../../src/participants/service.ts';
import { currentPeriod } from '../../src/participants/periods.ts';
import { ServiceRequest } from '../../src/services/model.ts';
import { StipendClaim } from '../../src/stipends/model.ts';
import { makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectMessage, lt, publishedGood, unescapeHtml } from './helpers.ts';

const PERIOD = '2026-02';

describe('attendance and work contributions', () => {
  const t = useTestApp();
  let master: Agent;
  let admin: Agent;
  let ona: string;
  let petras: string;
  let later: string;
  let mug: string;
  let bowl: string;
  let service: string;
  let job: string;
  let token: string;

  before(async () => {
    const adminUser = await makeStaff('admin');
    admin = await signIn(t.app, adminUser);
    master = await signInAs(t.app, 'master');
    const actor = { id: adminUser.id, role: 'admin' };
    const base = { consentToName: false, publicName: '', endDate: null };
    ona = await createParticipant(
      {
        ...base,
        displayName: 'Ona',
        code: 'W-1',
        startDate: '2026-01-01',
        consentToName: true,
        publicName: 'Ona iš Molėtų',
      },
      actor,
    );
    petras = await createParticipant(
      { ...base, displayName: 'Petras', code: 'W-2', startDate: '2026-02-10', endDate: '2026-03-05' },
      actor,
    );
    later = await createParticipant(
      { ...base, displayName: 'Vėlesnis', code: 'W-3', startDate: '2026-04-01' },
      actor,
    );
    mug = await publishedGood(t.storage, { titleLt: 'Molinis puodelis', sku: 'W-MUG' });
    bowl = await publishedGood(t.storage, { titleLt: 'Dubenėlis', sku: 'W-BOWL' });
    service = await publishedGood(t.storage, {
      titleLt: 'Graviravimas',
      sku: 'W-SRV',
      kind: 'service',
      leadTimeDays: 3,
    });
    const request = await ServiceRequest.create({
      reference: 'P-2026-00001',
      year: 2026,
      seq: 1,
      token: 'x'.repeat(32),
      state: 'accepted',
      company: { name: 'UAB Medis', code: '123456789' },
      contact: { name: 'Rūta', email: 'r@example.lt' },
      serviceTitle: { lt: 'Logotipų graviravimas', en: '' },
      quantity: 1,
      scheduledOn: '2026-02-15',
    });
    job = String(request._id);
    await postEntry({
      idempotencyKey: 'test:mug-sold',
      kind: 'order_paid',
      reference: { type: 'order', id: 'o1', label: '2026-00001' },
      postedAt: new Date('2026-02-12T10:00:00Z'),
      lines: [
        { account: 'assets:bank', debitCents: 1000 },
        {
          account: 'income:products',
          creditCents: 1000,
          attribution: { productId: mug, orderId: 'o1', lineId: 'l1' },
        },
      ],
    });
    token = await tokenFor(master, '/admin/participants');
  });

  function post(agent: Agent, url: string, fields: Record<string, string>) {
    let req = agent.post(`${url}?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  }
  const cell = (participant: string, kind: string, target: string) => `w_${participant}_${kind}_${target}`;

  describe('attendance', () => {
    it('lists the participants active in the period, with days in the month', async () => {
      const res = await master.get(`/admin/attendance?period=${PERIOD}`).expect(200);
      expect(res.text).to.contain('Ona');
      expect(res.text).to.contain('Petras');
      expect(res.text).to.not.contain('Vėlesnis');
      expectMessage(res.text, 'attendance.hint', { max: 28 });
      expect(res.text).to.contain('period=2026-01');
      expect(res.text).to.contain('period=2026-03');
    });

    it('saves and shows again the days of every participant', async () => {
      await post(master, '/admin/attendance', {
        period: PERIOD,
        [`days_${ona}`]: '20',
        [`days_${petras}`]: '12',
      })
        .expect(303)
        .expect('location', `/admin/attendance?period=${PERIOD}`);
      const res = await master.get(`/admin/attendance?period=${PERIOD}`).expect(200);
      expect(res.text).to.match(new RegExp(`name="days_${ona}"[^>]*value="20"`));
      expect(res.text).to.match(new RegExp(`name="days_${petras}"[^>]*value="12"`));
      await post(master, '/admin/attendance', {
        period: PERIOD,
        [`days_${ona}`]: '18',
        [`days_${petras}`]: '0',
      }).expect(303);
      const rows = await Attendance.find({ period: PERIOD }).lean();
      expect(rows.map((r) => [r.participantId, r.days])).to.deep.equal([[ona, 18]]);
      const audit = await AuditEntry.find({ context: `attendance:${PERIOD}` })
        .sort({ at: 1, _id: 1 })
        .lean();
      expect(audit.map((a) => a.action)).to.deep.equal(['list', 'update', 'list', 'update']);
      expect(audit[1]!.participantIds).to.have.members([ona, petras]);
      expect(audit[3]!.participantIds).to.have.members([ona, petras]);
      expect(audit[3]!.fields).to.deep.equal(['attendanceDays']);
    });

    it('refuses negative, fractional, too many days and unknown or inactive people, storing nothing', async () => {
      const cases: [string, string, string][] = [
        [ona, '-1', 'errors.wholeNumber'],
        [ona, '2.5', 'errors.wholeNumber'],
        [ona, 'abc', 'errors.wholeNumber'],
        [ona, '29', 'attendance.errors.tooManyDays'],
        [later, '3', 'attendance.errors.unknownParticipant'],
        [new mongoose.Types.ObjectId().toString(), '3', 'attendance.errors.unknownParticipant'],
        ['$ne', '3', 'attendance.errors.unknownParticipant'],
      ];
      for (const [id, value, key] of cases) {
        const res = await post(master, '/admin/attendance', {
          period: PERIOD,
          [`days_${petras}`]: '5',
          [`days_${id}`]: value,
        }).expect(422);
        expect(unescapeHtml(res.text), `${id}=${value}`).to.contain(lt(key, { max: 28 }));
        const rows = await Attendance.find({ period: PERIOD }).lean();
        expect(rows.map((r) => [r.participantId, r.days])).to.deep.equal([[ona, 18]]);
      }
      const marked = await post(master, '/admin/attendance', {
        period: PERIOD,
        [`days_${ona}`]: '31',
      }).expect(422);
      expect(marked.text).to.match(new RegExp(`id="days_${ona}"[^>]*aria-invalid="true"`));
    });

    it('refuses a malformed period', async () => {
      for (const period of ['2026-13', '2026-2', 'x', '']) {
        await post(master, '/admin/attendance', { period, [`days_${ona}`]: '3' }).expect(422);
      }
      expect(await Attendance.countDocuments()).to.equal(1);
    });

    it('defaults to the current Vilnius month', async () => {
      const res = await master.get('/admin/attendance?period=nonsense').expect(200);
      expect(res.text).to.contain(currentPeriod());
    });
  });

  describe('contributions grid', () => {
    it('has a column for goods sold in the period and for its jobs, rows for active participants', async () => {
      const res = await admin.get(`/admin/contributions?period=${PERIOD}`).expect(200);
      expect(res.text).to.contain('Molinis puodelis');
      expect(res.text).to.contain('Logotipų graviravimas');
      expect(res.text).to.not.contain('Dubenėlis');
      expect(res.text).to.contain(`name="${cell(ona, 'product', mug)}"`);
      expect(res.text).to.contain(`name="${cell(petras, 'job', job)}"`);
      expect(res.text).to.not.contain('Vėlesnis');
    });

    it('adds a good found by search as a column', async () => {
      const found = await master.get(`/admin/contributions?period=${PERIOD}&q=dubenelis`).expect(200);
      expect(unescapeHtml(found.text)).to.contain(`/admin/contributions?period=${PERIOD}&add=${bowl}`);
      expect(found.text).to.not.contain('Graviravimas<');
      const res = await master.get(`/admin/contributions?period=${PERIOD}&add=${bowl}`).expect(200);
      expect(res.text).to.contain(`name="${cell(ona, 'product', bowl)}"`);
    });

    it('saves the grid and shows it again; blank or 0 removes a contribution', async () => {
      await post(master, '/admin/contributions', {
        period: PERIOD,
        add: bowl,
        [cell(ona, 'product', mug)]: '1,5',
        [cell(petras, 'product', mug)]: '0.5',
        [cell(ona, 'product', bowl)]: '',
        [cell(petras, 'job', job)]: '3',
      })
        .expect(303)
        .expect('location', `/admin/contributions?period=${PERIOD}&add=${bowl}`);
      const res = await master.get(`/admin/contributions?period=${PERIOD}`).expect(200);
      expect(res.text).to.match(new RegExp(`name="${cell(ona, 'product', mug)}"[^>]*value="1,5"`));
      expect(res.text).to.match(new RegExp(`name="${cell(petras, 'product', mug)}"[^>]*value="0,5"`));
      expect(res.text).to.match(new RegExp(`name="${cell(petras, 'job', job)}"[^>]*value="3"`));
      const stored = await Contribution.find({ period: PERIOD }).lean();
      expect(stored.map((r) => r.weight).sort((a, b) => a - b)).to.deep.equal([50, 150, 300]);
      await post(master, '/admin/contributions', {
        period: PERIOD,
        [cell(petras, 'product', mug)]: '0',
        [cell(ona, 'product', bowl)]: '0,07',
      }).expect(303);
      const rows = await Contribution.find({ period: PERIOD }).sort({ participantId: 1, targetId: 1 }).lean();
      expect(rows).to.have.length(3);
      expect(await Contribution.exists({ participantId: petras, targetId: mug })).to.equal(null);
      const audit = await AuditEntry.find({ context: `contributions:${PERIOD}`, action: 'update' }).lean();
      expect(audit.map((a) => a.participantIds.length)).to.deep.equal([2, 2]);
    });

    it('refuses bad cells with the fields marked and stores nothing', async () => {
      const before = await Contribution.find(
        {},
        { _id: 0, period: 1, participantId: 1, targetId: 1, weight: 1 },
      )
        .sort({ participantId: 1, targetId: 1 })
        .lean();
      const ghost = new mongoose.Types.ObjectId().toString();
      const cases: [Record<string, string>, string][] = [
        [{ [cell(ona, 'product', mug)]: '-5' }, 'contributions.errors.hoursNegative'],
        [{ [cell(ona, 'product', mug)]: '-0,5' }, 'contributions.errors.hoursNegative'],
        [{ [cell(ona, 'product', mug)]: '1,555' }, 'contributions.errors.hoursDecimals'],
        [{ [cell(ona, 'product', mug)]: '1e3' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: 'abc' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: '1,5,0' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: '1 5' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: 'Infinity' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: '99999999' }, 'contributions.errors.hoursNumber'],
        [{ [cell(ona, 'product', mug)]: '672,01' }, 'contributions.errors.hoursTooMany'],
        [{ [cell(later, 'product', mug)]: '5' }, 'contributions.errors.unknownParticipant'],
        [{ [cell(ghost, 'product', mug)]: '5' }, 'contributions.errors.unknownParticipant'],
        [{ [cell(ona, 'product', ghost)]: '5' }, 'contributions.errors.unknownTarget'],
        [{ [cell(ona, 'product', service)]: '5' }, 'contributions.errors.unknownTarget'],
        [{ [cell(ona, 'job', ghost)]: '5' }, 'contributions.errors.unknownTarget'],
        [{ [cell(ona, 'person', mug)]: '5' }, 'contributions.errors.unknownTarget'],
        [{ [`w_${ona}_product_${mug}_x`]: '5' }, 'contributions.errors.cell'],
      ];
      for (const [cells, key] of cases) {
        const res = await post(master, '/admin/contributions', {
          period: PERIOD,
          [cell(petras, 'job', job)]: '9',
          ...cells,
        }).expect(422);
        expect(unescapeHtml(res.text), JSON.stringify(cells)).to.contain(lt(key, { max: 672, days: 28 }));
      }
      const marked = await post(master, '/admin/contributions', {
        period: PERIOD,
        [cell(ona, 'product', mug)]: '-1',
      }).expect(422);
      expect(marked.text).to.match(new RegExp(`id="${cell(ona, 'product', mug)}"[^>]*aria-invalid="true"`));
      for (const period of ['2026-00', '26-02', '']) {
        await post(master, '/admin/contributions', { period, [cell(ona, 'product', mug)]: '1' }).expect(422);
      }
      const after = await Contribution.find(
        {},
        { _id: 0, period: 1, participantId: 1, targetId: 1, weight: 1 },
      )
        .sort({ participantId: 1, targetId: 1 })
        .lean();
      expect(after).to.deep.equal(before);
    });

    it('opens the grid for one job and lists its contributions in every period', async () => {
      await Contribution.create({
        period: '2026-01',
        participantId: ona,
        targetKind: 'job',
        targetId: job,
        weight: 40,
      });
      const res = await master.get(`/admin/contributions?job=${job}&period=${PERIOD}`).expect(200);
      expect(res.text).to.contain('Logotipų graviravimas');
      expect(res.text).to.not.contain(`name="${cell(ona, 'product', mug)}"`);
      expect(res.text).to.contain(`name="${cell(ona, 'job', job)}"`);
      expect(res.text).to.contain('2026-01');
      await post(master, '/admin/contributions', { period: PERIOD, job, [cell(ona, 'job', job)]: '0,25' })
        .expect(303)
        .expect('location', `/admin/contributions?period=${PERIOD}&job=${job}`);
      expect(await contributionsForJob(job)).to.deep.equal([
        { participantId: ona, weight: 40, period: '2026-01' },
        { participantId: ona, weight: 25, period: PERIOD },
        { participantId: petras, weight: 300, period: PERIOD },
      ]);
      await master.get(`/admin/contributions?job=${new mongoose.Types.ObjectId().toString()}`).expect(404);
      await master.get('/admin/contributions?job=nonsense').expect(404);
    });

    it('refuses changes to a finalised period', async () => {
      await StipendClaim.create({ _id: '2026-01:finalised', period: '2026-01', step: 'finalised' });
      const page = await master.get('/admin/contributions?period=2026-01&add=' + mug).expect(200);
      expectMessage(page.text, 'contributions.finalisedNotice');
      const res = await post(master, '/admin/contributions', {
        period: '2026-01',
        [cell(ona, 'product', mug)]: '5',
      }).expect(422);
      expectMessage(res.text, 'contributions.errors.finalised', { period: '2026-01' });
      await post(master, '/admin/attendance', { period: '2026-01', [`days_${ona}`]: '5' }).expect(422);
      expect(await Contribution.countDocuments({ period: '2026-01', targetKind: 'product' })).to.equal(0);
      expect(await Attendance.countDocuments({ period: '2026-01' })).to.equal(0);
    });
  });

  describe('for stipends and statements', () => {
    it('periodInputs gives active participants with attendance and the recorded contributions', async () => {
      const inputs = await periodInputs(PERIOD);
      const byId = [ona, petras].sort();
      expect(inputs.participants.map((p) => p.id)).to.deep.equal(byId);
      expect(inputs.participants.find((p) => p.id === ona)).to.deep.equal({
        id: ona,
        displayName: 'Ona',
        code: 'W-1',
        attendanceDays: 18,
      });
      expect(inputs.participants.find((p) => p.id === petras)!.attendanceDays).to.equal(0);
      const key = (c: { participantId: string; target: { kind: string; id: string } }) =>
        `${c.participantId}:${c.target.kind}:${c.target.id}`;
      expect(inputs.contributions.map((c) => [key(c), c.weight]).sort()).to.deep.equal(
        [
          [`${ona}:product:${mug}`, 150],
          [`${ona}:product:${bowl}`, 7],
          [`${ona}:job:${job}`, 25],
          [`${petras}:job:${job}`, 300],
        ].sort(),
      );
      expect((await periodInputs('2026-04')).participants.map((p) => p.id)).to.deep.equal(
        [ona, later].sort(),
      );
      expect((await periodInputs('2025-12')).participants).to.deep.equal([]);
    });

    it('getParticipantNames keeps the order asked and skips unknown ids', async () => {
      expect(await getParticipantNames([petras, 'nope', ona])).to.deep.equal([
        { id: petras, displayName: 'Petras', code: 'W-2' },
        { id: ona, displayName: 'Ona', code: 'W-1' },
      ]);
    });
  });

  describe('public product page', () => {
    it('names only the contributors who consented, by their public name', async () => {
      const res = await request(t.app).get('/products/molinis-puodelis').expect(200);
      expectMessage(res.text, 'participants.madeBy', { names: 'Ona iš Molėtų' });
      expect(res.text).to.not.contain('Petras');
      expect(res.text).to.not.contain('W-1');
      expect(res.text).to.not.contain('W-2');
      const bowlPage = await request(t.app).get('/products/dubenelis').expect(200);
      expectMessage(bowlPage.text, 'participants.madeBy', { names: 'Ona iš Molėtų' });
    });

    it('names nobody where no contributor consented', async () => {
      await Contribution.deleteMany({ participantId: ona, targetId: mug });
      await Contribution.create({
        period: PERIOD,
        participantId: petras,
        targetKind: 'product',
        targetId: mug,
        weight: 5,
      });
      // Written straight to the store here, so the catalogue is told as the participants module
      // tells it after a save (the product page's makers are kept in memory).
      await noteMakersChanged([mug]);
      const res = await request(t.app).get('/products/molinis-puodelis').expect(200);
      expect(unescapeHtml(res.text)).to.not.contain(lt('participants.madeBy', { names: '' }).trim());
      expect(res.text).to.not.contain('Petras');
    });
  });
});
