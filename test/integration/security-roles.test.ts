import { expect } from 'chai';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import type { Role } from '../../src/staff/model.ts';
import { makeStaff, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  STAFF_ROLES,
  anonymousWithToken,
  checkoutOverHttp,
  discoverRoutes,
  fillPath,
  isLoginRedirect,
  isStaffRoute,
  postWithToken,
  rolesFor,
  changedSince,
  snapshotData,
  type DiscoveredRoute,
} from '../support/security.ts';
import { expectMessage, pngImage, productInput } from './helpers.ts';

/**
 * Every staff route, found by walking the app's router stack, is tried by every role. Who may use it
 * comes from ROLE_RULES (by section, per docs/domain.md "Roles"), so routes added later are checked too.
 */
describe('security: role × route matrix of the staff area', () => {
  const t = useTestApp();
  let routes: DiscoveredRoute[];
  const ids: Record<string, string> = {};
  const agents = {} as Record<Role, { agent: Agent; token: string }>;

  before(async () => {
    routes = discoverRoutes(t.app).filter((r) => isStaffRoute(r.path));
    await createCategory({ nameLt: 'Keramika', nameEn: '', slug: 'keramika', position: 0 });
    ids.categories = String((await Category.findOne({ slug: 'keramika' }).lean())!._id);
    const product = await createProduct(
      productInput({ titleLt: 'Puodelis', sku: 'SEC-ROLE-1', slug: 'puodelis', category: ids.categories }),
      [{ originalName: 'a.png', buffer: await pngImage() }],
      t.storage,
      { pricesIncludeVat: true },
    );
    ids.products = String(product._id);
    await publishProduct(ids.products);
    const { res } = await checkoutOverHttp(t.app, 'puodelis', ids.products);
    expect(res.status).to.equal(303);
    const order = (await Order.findOne().lean())!;
    ids.orders = String(order._id);
    ids.token = order.token;
    ids.slug = 'puodelis';
    // A message of its own with an attachment (a quote's PDF), already stored, so that no e-mail the
    // checkout queued is being written while the matrix opens its download.
    const stored = await OutboxMessage.create({
      to: 'buyer@example.test',
      from: 'Socialinės dirbtuvės <noreply@example.test>',
      subject: 'Komercinis pasiūlymas',
      text: 'Pasiūlymas pridėtas.',
      html: '<p>Pasiūlymas pridėtas.</p>',
      kind: 'request.quote',
      status: 'stored',
      attachments: [
        { filename: 'P-2026-00001-v1.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') },
      ],
    });
    ids.outbox = String(stored._id);
    ids.staff = (await makeStaff('marketing')).id;
    // A VAT payer, so the month's i.SAF file opens for administrators.
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Socialinės dirbtuvės',
          legalName: 'Socialinės dirbtuvės',
          vatPayer: true,
          vatCode: 'LT100009998887',
          companyCode: '300999888',
        },
      },
      { upsert: true },
    );
    for (const role of STAFF_ROLES) {
      const agent = await signInAs(t.app, role);
      agents[role] = { agent, token: await tokenFor(agent) };
    }
  });

  const FIXTURED =
    /^\/(account\/|admin$|admin\/(products|categories|orders|outbox|staff|settings|ledger|isaf)\b)/;
  const label = (r: DiscoveredRoute) => `${r.method} ${r.path}`;
  // Routes without a rule are reported by the rule test above, not tried here.
  const byMethod = (method: string) => routes.filter((r) => r.method === method && rolesFor(r.path));

  it('finds the staff routes of every router mounted at /admin', () => {
    const found = routes.map(label);
    for (const known of [
      'GET /admin',
      'GET /admin/products/:id/edit',
      'POST /admin/categories/:id/delete',
      'GET /admin/orders.csv',
      'POST /admin/orders/:id/refund',
      'POST /admin/staff/:id/disable',
      'POST /admin/settings',
      'GET /admin/outbox/:id/html',
      'GET /admin/ledger/balances',
      'POST /account/password',
    ]) {
      expect(found, known).to.include(known);
    }
    expect(found.length).to.be.greaterThan(35);
  });

  it('has a role rule for every staff route (add new sections to ROLE_RULES in test/support/security.ts)', () => {
    expect(routes.filter((r) => !rolesFor(r.path)).map(label)).to.deep.equal([]);
  });

  it('sends anonymous visitors of every staff page to the login page', async () => {
    for (const route of byMethod('GET')) {
      const url = fillPath(route.path, ids);
      const res = await request(t.app).get(url);
      expect(res.status, url).to.equal(303);
      expect(res.headers.location, url).to.equal(`/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('refuses anonymous posts to every staff form: 403 without a token, to /login with one; nothing changes', async () => {
    const before = await snapshotData();
    const { agent, token } = await anonymousWithToken(t.app);
    for (const route of byMethod('POST')) {
      const url = fillPath(route.path, ids);
      const bare = await postWithToken(request.agent(t.app), url, undefined, { name: 'x' });
      expect(bare.status, `${url} without token`).to.equal(403);
      const res = await postWithToken(agent, url, token, { name: 'x' });
      expect(isLoginRedirect(res), `${url}: ${res.status} ${String(res.headers.location)}`).to.equal(true);
      expect(res.status, url).to.not.equal(200);
    }
    expect(await changedSince(before)).to.deep.equal([]);
  });

  for (const role of STAFF_ROLES) {
    describe(`signed in as ${role}`, () => {
      it('gets 403 on every page outside its roles and opens the others', async () => {
        const { agent } = agents[role];
        for (const route of byMethod('GET')) {
          const url = fillPath(route.path, ids);
          const res = await agent.get(url);
          if (rolesFor(route.path)!.includes(role)) {
            // Sections with fixtures open; elsewhere an unknown id or a missing query is fine too.
            const expected = FIXTURED.test(route.path) ? [200] : [200, 400, 404, 422];
            expect(res.status, `${role} ${url}`).to.be.oneOf(expected);
          } else {
            expect(res.status, `${role} ${url}`).to.equal(403);
            expectMessage(res.text, 'errors.forbidden');
          }
        }
      });

      it('gets 403 on every form outside its roles (with real ids), and nothing changes', async () => {
        const { agent, token } = agents[role];
        const before = await snapshotData();
        for (const route of byMethod('POST')) {
          if (rolesFor(route.path)!.includes(role)) continue;
          const url = fillPath(route.path, ids);
          const res = await postWithToken(agent, url, token, { name: 'Įsiveržėlis', role: 'admin' });
          expect(res.status, `${role} ${url}`).to.equal(403);
        }
        expect(await changedSince(before)).to.deep.equal([]);
      });

      it('gets past the role check on every form of its roles (unknown ids, empty forms)', async () => {
        const { agent, token } = agents[role];
        for (const route of byMethod('POST')) {
          if (!rolesFor(route.path)!.includes(role)) continue;
          const url = fillPath(route.path, ids, false);
          const res = await postWithToken(agent, url, token, {});
          expect(res.status, `${role} ${url}`).to.not.be.oneOf([401, 403]);
          expect(res.status, `${role} ${url}`).to.be.below(500);
          expect(isLoginRedirect(res), `${role} ${url}`).to.equal(false);
        }
      });
    });
  }

  it("shows participants' IBANs and notes to administrators only, and lets only them change them", async () => {
    const iban = 'LT60 1010 0123 4567 8901';
    const notes = 'Sveikatos pastaba: tik administratoriui';
    const admin = agents.admin;
    const created = await postWithToken(admin.agent, '/admin/participants', admin.token, {
      displayName: 'Jonas J.',
      code: 'SEC-P1',
      startDate: '2026-01-05',
      endDate: '',
      publicName: '',
      iban,
      notes,
    });
    expect(created.status).to.equal(303);
    const id = /\/admin\/participants\/([a-f0-9]{24})$/.exec(String(created.headers.location))?.[1];
    expect(id, 'participant id').to.be.a('string');
    const digits = iban.replace(/\s/g, '');
    const leaks = (html: string) => [digits, iban, 'LT60', notes].filter((v) => html.includes(v));

    const master = agents.master;
    for (const url of [
      '/admin/participants',
      `/admin/participants/${id!}`,
      `/admin/participants/${id!}?show=iban`,
      `/admin/participants/${id!}/edit`,
    ]) {
      const res = await master.agent.get(url);
      // Asking to reveal the IBAN is refused outright; the other pages open without it.
      expect(res.status, url).to.equal(url.includes('show=iban') ? 403 : 200);
      expect(leaks(res.text), url).to.deep.equal([]);
    }
    const before = await snapshotData();
    for (const extra of [{ iban: 'LT12 1000 0111 0100 1000' }, { removeIban: 'on' }, { notes: '' }]) {
      const res = await postWithToken(master.agent, `/admin/participants/${id!}`, master.token, {
        displayName: 'Jonas J.',
        code: 'SEC-P1',
        startDate: '2026-01-05',
        ...extra,
      });
      expect(res.status, JSON.stringify(extra)).to.be.oneOf([403, 422]);
    }
    const sneaky = await postWithToken(master.agent, '/admin/participants', master.token, {
      displayName: 'Kitas',
      code: 'SEC-P2',
      startDate: '2026-01-05',
      iban: 'LT12 1000 0111 0100 1000',
    });
    expect(sneaky.status).to.be.oneOf([403, 422]);
    expect((await changedSince(before)).filter((c) => !/audit/.test(c))).to.deep.equal([]);

    const shown = await admin.agent.get(`/admin/participants/${id!}?show=iban`).expect(200);
    expect(shown.text).to.contain(iban);
    expect(shown.text).to.contain(notes);
  });
});
