import { expect } from 'chai';
import mongoose from 'mongoose';
import { StaffAudit, StaffUser, type StaffUserDoc } from '../../src/staff/model.ts';
import { translate } from '../../src/web/i18n.ts';
import { csrfFrom, makeStaff, signIn, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage, unescapeHtml } from './helpers.ts';

const sessions = () => mongoose.connection.collection('sessions');
const sessionsOf = (id: string) => sessions().countDocuments({ 'session.userId': id });

describe('staff accounts: an administrator edits name, e-mail and role', () => {
  const t = useTestApp();
  let admin: { email: string; password: string; id: string };
  let adminAgent: Agent;
  let token: string;

  before(async () => {
    admin = await makeStaff('admin');
    adminAgent = await signIn(t.app, admin);
    token = csrfFrom((await adminAgent.get('/admin/staff').expect(200)).text);
  });

  const edit = (agent: Agent, id: string, body: Record<string, string>, csrf = token) =>
    agent
      .post(`/admin/staff/${id}`)
      .type('form')
      .send({ _csrf: csrf, ...body });
  const userDoc = async (id: string) => (await StaffUser.findById(id).lean<StaffUserDoc>())!;
  const signedIn = async (agent: Agent) => (await agent.get('/admin')).status === 200;

  it('lists an edit link per account and opens the account page with the form filled in', async () => {
    const person = await makeStaff('marketing');
    const list = await adminAgent.get('/admin/staff').expect(200);
    expect(list.text).to.contain(`href="/admin/staff/${person.id}"`);
    const page = await adminAgent.get(`/admin/staff/${person.id}`).expect(200);
    expect(page.text).to.contain(`value="${person.email}"`);
    expect(page.text).to.match(/<option value="marketing" selected>/);
    expectMessage(page.text, 'staff.historyNone');
  });

  it('saves a new name and e-mail without signing the person out, and logs who changed what', async () => {
    const person = await makeStaff('marketing');
    const theirs = await signIn(t.app, person);
    const res = await edit(adminAgent, person.id, {
      name: 'Eglė Naujoji',
      email: '  Egle.Naujoji@Example.TEST ',
      role: 'marketing',
    }).expect(303);
    expect(res.headers.location).to.equal(`/admin/staff/${person.id}`);
    const doc = await userDoc(person.id);
    expect(doc).to.include({ name: 'Eglė Naujoji', email: 'egle.naujoji@example.test', role: 'marketing' });
    expect(await signedIn(theirs), 'a name or e-mail change keeps the sessions').to.equal(true);

    const page = await adminAgent.get(`/admin/staff/${person.id}`).expect(200);
    expectMessage(page.text, 'staff.saved');
    const html = unescapeHtml(page.text);
    expect(html).to.contain('data-audit="updated"');
    expect(html).to.contain(`Test marketing`); // the old name, shown as what it was
    expect(html).to.contain('egle.naujoji@example.test');
    expect(html, 'who made the change').to.contain('Test admin');
    const audit = await StaffAudit.find({ staffId: person.id }).lean();
    expect(audit).to.have.length(1);
    expect(audit[0]!.by).to.equal(admin.id);
    expect(audit[0]!.changes.map((c) => c.field)).to.deep.equal(['name', 'email']);

    // Saving the same values again changes and logs nothing.
    await edit(adminAgent, person.id, {
      name: 'Eglė Naujoji',
      email: 'egle.naujoji@example.test',
      role: 'marketing',
    }).expect(303);
    expect(await StaffAudit.countDocuments({ staffId: person.id })).to.equal(1);
  });

  it('changing the role ends every session of the person, and the change is on the account page', async () => {
    const person = await makeStaff('marketing');
    const phone = await signIn(t.app, person);
    const laptop = await signIn(t.app, person);
    expect(await sessionsOf(person.id)).to.equal(2);
    const kept = await sessions().findOne({ 'session.userId': person.id });

    await edit(adminAgent, person.id, { name: 'Test marketing', email: person.email, role: 'master' }).expect(
      303,
    );
    expect((await userDoc(person.id)).role).to.equal('master');
    expect(await sessionsOf(person.id), 'the stored sessions are deleted').to.equal(0);
    // A request of theirs that was in flight could save its session again: it is refused all the same.
    await sessions().insertOne(kept!);
    for (const agent of [phone, laptop]) {
      const res = await agent.get('/admin');
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.match(/^\/login/);
    }
    expect(await signedIn(adminAgent), "the administrator's own session stays").to.equal(true);

    const page = unescapeHtml((await adminAgent.get(`/admin/staff/${person.id}`).expect(200)).text);
    expect(page).to.contain('data-change="role"');
    expect(page).to.contain('rinkodaros specialistas → gamybos meistras');
    const audit = await StaffAudit.findOne({ staffId: person.id }).lean();
    expect(audit!.sessionsEnded).to.equal(2);

    // They sign in again and work in their new role.
    const again = await signIn(t.app, person);
    expect((await again.get('/admin/attendance')).status).to.equal(200);
    expect((await again.get('/admin/orders')).status).to.equal(403);
  });

  it('refuses a bad e-mail, a taken e-mail, an unknown role and a missing name, and stores nothing', async () => {
    const person = await makeStaff('marketing');
    const theirs = await signIn(t.app, person);
    const other = await makeStaff('master');
    const before = await userDoc(person.id);
    const good = { name: 'Vardenis', email: person.email, role: 'master' };
    const cases: [Record<string, string>, string, string, Record<string, number>?][] = [
      [{ email: 'ne-el-pastas' }, 'email', 'errors.email'],
      [{ email: '' }, 'email', 'errors.required'],
      [{ email: other.email.toUpperCase() }, 'email', 'staff.errors.emailTaken'],
      [{ role: 'owner' }, 'role', 'errors.invalidChoice'],
      [{ role: '' }, 'role', 'errors.invalidChoice'],
      [{ name: '   ' }, 'name', 'errors.required'],
      [{ name: 'x'.repeat(121) }, 'name', 'errors.tooLong', { max: 120 }],
    ];
    for (const [change, field, key, params] of cases) {
      const res = await edit(adminAgent, person.id, { ...good, ...change });
      expect(res.status, JSON.stringify(change)).to.equal(422);
      expectFieldError(res.text, field, key, params);
    }
    const injected = await adminAgent
      .post(`/admin/staff/${person.id}`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&name=X&email[$ne]=x&role=admin`);
    expect(injected.status).to.equal(422);
    expect(await userDoc(person.id)).to.deep.equal(before);
    expect(await StaffAudit.countDocuments({ staffId: person.id })).to.equal(0);
    expect(await signedIn(theirs), 'a refused change ends no session').to.equal(true);

    // In English, the message is in English.
    await adminAgent.get('/lang/en').expect(303);
    const en = await edit(adminAgent, person.id, { ...good, email: other.email });
    await adminAgent.get('/lang/lt').expect(303);
    expect(en.status).to.equal(422);
    expect(unescapeHtml(en.text)).to.contain(translate('en', 'staff.errors.emailTaken'));
    expect(await userDoc(person.id)).to.deep.equal(before);
  });

  it('answers 404 for an unknown or malformed account, and 403 to other roles', async () => {
    await adminAgent.get(`/admin/staff/${new mongoose.Types.ObjectId()}`).expect(404);
    await adminAgent.get('/admin/staff/not-an-id').expect(404);
    const unknown = await edit(adminAgent, String(new mongoose.Types.ObjectId()), {
      name: 'X',
      email: 'x@example.test',
      role: 'admin',
    });
    expect(unknown.status).to.equal(404);
    const target = await makeStaff('master');
    for (const role of ['marketing', 'master'] as const) {
      const agent = await signIn(t.app, await makeStaff(role));
      const own = csrfFrom((await agent.get('/account/password').expect(200)).text);
      await agent.get(`/admin/staff/${target.id}`).expect(403);
      const res = await edit(agent, target.id, { name: 'X', email: target.email, role: 'admin' }, own);
      expect(res.status).to.equal(403);
    }
    expect((await userDoc(target.id)).role).to.equal('master');
  });

  describe('the last active administrator', () => {
    before(async () => {
      // From here on the first administrator is the only active one.
      await StaffUser.updateMany(
        { role: 'admin', _id: { $ne: admin.id } },
        { $set: { disabledAt: new Date() } },
      );
    });

    it('cannot give up the role, not even by themselves, and nothing is stored', async () => {
      const before = await userDoc(admin.id);
      const res = await edit(adminAgent, admin.id, {
        name: 'Kitas vardas',
        email: admin.email,
        role: 'marketing',
      });
      expect(res.status).to.equal(422);
      expectFieldError(res.text, 'role', 'staff.errors.lastAdminRole');
      expect(await userDoc(admin.id)).to.deep.equal(before);
      expect(await StaffAudit.countDocuments({ staffId: admin.id })).to.equal(0);
      expect(await signedIn(adminAgent)).to.equal(true);
      // A disabled administrator is not the last active one: their role can change.
      const disabled = await makeStaff('admin');
      await StaffUser.updateOne({ _id: disabled.id }, { $set: { disabledAt: new Date() } });
      await edit(adminAgent, disabled.id, { name: 'Buvęs', email: disabled.email, role: 'master' }).expect(
        303,
      );
    });

    it('two administrators demoting each other at once keep at least one administrator', async () => {
      const second = await makeStaff('admin');
      const secondAgent = await signIn(t.app, second);
      const secondToken = csrfFrom((await secondAgent.get('/admin/staff').expect(200)).text);
      const [a, b] = await Promise.all([
        edit(adminAgent, second.id, { name: 'Antra', email: second.email, role: 'marketing' }),
        edit(secondAgent, admin.id, { name: 'Pirma', email: admin.email, role: 'marketing' }, secondToken),
      ]);
      expect([a.status, b.status].every((s) => s === 303 || s === 422)).to.equal(true);
      const admins = await StaffUser.countDocuments({ role: 'admin', disabledAt: null });
      expect(admins).to.be.greaterThan(0);
      const succeeded = [a, b].filter((r) => r.status === 303).length;
      expect(
        await StaffAudit.countDocuments({
          action: 'updated',
          'changes.field': 'role',
          staffId: { $in: [admin.id, second.id] },
        }),
      ).to.equal(succeeded);
      // Put the first administrator back in charge for the next test.
      await StaffUser.updateOne({ _id: admin.id }, { $set: { role: 'admin', sessionsEndedAt: null } });
      await StaffUser.updateOne({ _id: second.id }, { $set: { role: 'admin' } });
    });

    it('can hand the role over: with another active admin, demoting oneself signs oneself out', async () => {
      const me = await signIn(t.app, admin);
      const mine = csrfFrom((await me.get('/admin/staff').expect(200)).text);
      const res = await edit(me, admin.id, { name: 'Test admin', email: admin.email, role: 'master' }, mine);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/login');
      expect((await userDoc(admin.id)).role).to.equal('master');
      expect(await signedIn(me)).to.equal(false);
    });
  });
});
