import { expect } from 'chai';
import { JournalEntry } from '../../src/ledger/model.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { shiftPeriod, vilniusPeriod } from '../../src/lib/dates.ts';
import { workdaysIn } from '../../src/lib/workdays.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { AuditEntry, type AuditDoc } from '../../src/participants/model.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { saveAttendance, saveContributions } from '../../src/participants/work.ts';
import { getSettings } from '../../src/settings/service.ts';
import { StipendClaim } from '../../src/stipends/model.ts';
import { newFormKey } from '../../src/web/form-once.ts';
import { makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { checkoutInput, expectMessage, lt, publishedGood, unescapeHtml } from './helpers.ts';

const period = vilniusPeriod(new Date());
const workdays = workdaysIn(period);
const IBAN_A = 'LT121000011101001000';
const IBAN_B = 'LT601010012345678901';

/** The problems the page lists: kind, what it is about, its sentence and its links. */
function problems(html: string, group: 'blocking' | 'warnings') {
  const start = html.indexOf(`data-checks-${group}`);
  if (start < 0) return [];
  const part = html.slice(start, html.indexOf('</div>', start));
  return [...part.matchAll(/<li data-problem="(\w+)" data-subject="([^"]*)">([\s\S]*?)<\/li>/g)].map((m) => ({
    kind: m[1]!,
    subject: m[2]!,
    text: unescapeHtml(m[3]!.replace(/<[^>]+>/g, '')),
    links: [...m[3]!.matchAll(/<a href="([^"]+)">/g)].map((l) => unescapeHtml(l[1]!)),
  }));
}

describe('stipend draft: the problems listed before finalising', () => {
  const t = useTestApp();
  let admin: Agent;
  let adminId: string;
  let token: string;
  const ids = { ona: '', jonas: '', ruta: '' };
  let candleId = '';
  let mugId = '';

  before(async () => {
    const creds = await makeStaff('admin');
    adminId = creds.id;
    admin = await signIn(t.app, creds);
    token = await tokenFor(admin, '/admin/stipends');
    const actor = { id: adminId, role: 'admin', name: 'Administratorė' };
    const person = (displayName: string, code: string, iban?: string) =>
      createParticipant(
        {
          displayName,
          code,
          startDate: '2020-01-01',
          endDate: null,
          consentToName: false,
          publicName: '',
          ...(iban ? { iban } : {}),
        },
        actor,
      );
    ids.ona = await person('Ona Žukauskienė', 'A-1', IBAN_A);
    ids.jonas = await person('Jonas Ąžuolas', 'B-2');
    ids.ruta = await person('Rūta Čepė', 'C-3', IBAN_A);
    // Ona is recorded for more days than the month has workdays; Rūta for none.
    await saveAttendance(
      period,
      new Map([
        [ids.ona, String(workdays + 3)],
        [ids.jonas, '5'],
      ]),
      actor,
    );
    candleId = await publishedGood(t.storage, {
      titleLt: 'Sojų vaško žvakė',
      sku: 'ZV-1',
      price: 1000,
      stockQuantity: 20,
    });
    mugId = await publishedGood(t.storage, {
      titleLt: 'Molinis puodelis',
      sku: 'PU-1',
      price: 2000,
      stockQuantity: 20,
    });
    await saveContributions(
      period,
      [{ field: 'a', participantId: ids.ona, kind: 'product', targetId: candleId, value: '1' }],
      actor,
    );
    const marketing = await signInAs(t.app, 'marketing');
    const marketingToken = await tokenFor(marketing, '/admin/orders');
    for (const [productId, quantity] of [
      [candleId, 2],
      [mugId, 1],
      [mugId, 2],
    ] as const) {
      const order = await placeOrder({
        items: [{ productId, quantity }],
        form: checkoutInput(),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
      await marketing
        .post(`/admin/orders/${order._id}/paid`)
        .type('form')
        .send({ _csrf: marketingToken, formKey: newFormKey() })
        .expect(303);
    }
  });

  const page = async () => (await admin.get(`/admin/stipends/${period}`).expect(200)).text;
  const post = (path: string, body: Record<string, string>) =>
    admin
      .post(`/admin/stipends/${period}${path}`)
      .type('form')
      .send({ _csrf: token, ...body });

  it('blocks on a missing bank account, with a link to the person and one to the bulk page', async () => {
    const html = await page();
    const blocking = problems(html, 'blocking');
    expect(blocking.map((p) => [p.kind, p.subject])).to.deep.equal([['noIban', ids.jonas]]);
    expect(blocking[0]!.text).to.contain(lt('checks.blockingTag'));
    expect(blocking[0]!.text).to.contain('Jonas Ąžuolas (B-2)');
    expect(blocking[0]!.links).to.deep.equal([`/admin/participants/${ids.jonas}/edit`]);
    expect(unescapeHtml(html)).to.contain(
      `href="/admin/participants/ibans?ids=${ids.jonas}&period=${period}" data-iban-page>`,
    );
    expectMessage(html, 'checks.blocking', { count: 1 });
    expect(html.indexOf('data-checks-blocking'), 'listed before the finalise button').to.be.lessThan(
      html.indexOf('data-action="finalise"'),
    );
    expect(html).to.match(
      /<button type="submit" class="button" data-primary disabled aria-describedby="blocked-hint">/,
    );
    expect(html, 'the account is not shown').not.to.contain(IBAN_A.slice(4));
  });

  it('records the look at bank-account presence for everyone paid, without values', async () => {
    const before = await AuditEntry.countDocuments({ context: `stipends:${period}:checks` });
    await page();
    const records = await AuditEntry.find({ context: `stipends:${period}:checks` })
      .sort({ at: -1, _id: -1 })
      .lean<AuditDoc[]>();
    expect(records).to.have.length(before + 1);
    expect(records[0]).to.include({ action: 'list', actorId: adminId });
    expect(records[0]!.fields).to.deep.equal(['iban']);
    expect(records[0]!.participantIds).to.include.members([ids.ona, ids.jonas]);
    expect(JSON.stringify(records[0])).not.to.contain(IBAN_A.slice(4));
  });

  it('warns about attendance above workdays, goods nobody made and people with no attendance', async () => {
    const warnings = problems(await page(), 'warnings');
    expect(warnings.map((w) => w.kind)).to.deep.equal(['overWorkdays', 'noContributions', 'noAttendance']);
    const [over, goods, absent] = warnings;
    expect(over!.subject).to.equal(ids.ona);
    expect(over!.text).to.contain(lt('checks.warningTag'));
    expect(over!.text).to.contain(
      lt('checks.overWorkdays', { name: 'Ona Žukauskienė (A-1)', days: workdays + 3, workdays }),
    );
    expect(over!.links).to.deep.equal([`/admin/attendance?period=${period}`, '#settings-heading']);

    // Two orders of the mug, one warning with their total (net of VAT as the ledger has it).
    expect(goods!.subject).to.equal(mugId);
    expect(goods!.text).to.contain('Prekė „Molinis puodelis“ parduota už');
    expect(goods!.text).to.contain(lt('checks.noContributions.byDays'));
    expect(goods!.links).to.deep.equal([`/admin/contributions?period=${period}&add=${mugId}`]);
    expect(
      warnings.some((w) => w.subject === candleId),
      'the candle has its maker',
    ).to.equal(false);

    expect(absent!.subject).to.equal(ids.ruta);
    expect(absent!.text).to.contain(lt('checks.noAttendance', { names: 'Rūta Čepė (C-3)' }));
    expect(absent!.links).to.deep.equal([`/admin/attendance?period=${period}&missing=1`]);
  });

  it('warns when the month counts other workdays than the calendar, and when part of the pool goes to nobody', async () => {
    await post('/settings', {
      poolShare: '70',
      baseAmount: '50',
      cap: '0,10',
      workdays: String(workdays + 5),
    }).expect(303);
    try {
      const warnings = problems(await page(), 'warnings');
      const kinds = warnings.map((w) => w.kind);
      expect(kinds).to.include.members(['workdaysDiffer', 'unallocated']);
      expect(kinds, 'with more workdays Ona is no longer above them').not.to.include('overWorkdays');
      expect(warnings.find((w) => w.kind === 'workdaysDiffer')!.text).to.contain(
        lt('checks.workdaysDiffer', { workdays: workdays + 5, calendar: workdays }),
      );
    } finally {
      await post('/settings', {
        poolShare: '70',
        baseAmount: '50',
        cap: '',
        workdays: String(workdays),
      }).expect(303);
    }
    const kinds = problems(await page(), 'warnings').map((w) => w.kind);
    expect(kinds).not.to.include('workdaysDiffer');
    expect(kinds).not.to.include('unallocated');
  });

  it('refuses to finalise while someone paid has no bank account, on the month page with the list', async () => {
    const res = await post('/finalise', { confirm: 'on' });
    expect(res.status).to.equal(409);
    expectMessage(res.text, 'checks.errors.noIban', { names: 'Jonas Ąžuolas (B-2)' });
    expect(res.text).to.contain('data-problem="noIban"');
    expect(res.text).to.contain('data-action="finalise"');
    expect(await StipendClaim.countDocuments({ period }), 'the month is open again').to.equal(0);
    expect(await JournalEntry.countDocuments({ kind: 'stipends_finalised' })).to.equal(0);
    // The month stays changeable: attendance can still be corrected.
    const settings = await post('/settings', {
      poolShare: '70',
      baseAmount: '50',
      cap: '',
      workdays: String(workdays),
    });
    expect(settings.status).to.equal(303);
  });

  it('finalises once the account is entered on the bulk page the draft links to', async () => {
    const link = unescapeHtml(/href="([^"]+)" data-iban-page>/.exec(await page())![1]!);
    const bulk = await admin.get(link).expect(200);
    const formKey = /name="formKey" value="([a-f0-9]{32})"/.exec(bulk.text)![1]!;
    await admin
      .post('/admin/participants/ibans')
      .type('form')
      .send({ _csrf: token, formKey, ids: ids.jonas, period, [`iban_${ids.jonas}`]: IBAN_B })
      .expect(303)
      .expect('Location', `/admin/stipends/${period}`);
    const html = await page();
    expect(problems(html, 'blocking')).to.deep.equal([]);
    expect(html).not.to.contain('data-checks-blocking');
    expect(html).not.to.match(/data-primary disabled/);
    await post('/finalise', { confirm: 'on' }).expect(303);
    expect(await StipendClaim.countDocuments({ period, step: 'finalised' })).to.equal(1);
    expect(await page(), 'a finalised month has no checks').not.to.contain('data-checks');
  });
});

describe('stipend draft: the demo workshop shows its checks', function () {
  this.timeout(120_000);
  const t = useTestApp();

  before(() => seedDemo({ storage: t.storage, log: () => {}, reset: false }));

  it("warns of last month's attendance above workdays, with nothing blocking the demo's month-end", async () => {
    const previous = shiftPeriod(period, -1);
    const admin = await signInAs(t.app, 'admin');
    const html = await admin.get(`/admin/stipends/${previous}`).expect(200);
    // Everyone paid for last month has a bank account, so the demo can run finalise → SEPA → paid.
    expect(problems(html.text, 'blocking')).to.deep.equal([]);
    expect(html.text).not.to.match(/data-primary disabled/);
    const over = problems(html.text, 'warnings').filter((w) => w.kind === 'overWorkdays');
    expect(over.map((w) => w.text.includes('Aistė Vaitkutė (D-001)'))).to.deep.equal([true]);
  });

  it("lists this month's newcomer without a bank account, linking to the bulk page", async () => {
    const admin = await signInAs(t.app, 'admin');
    const html = await admin.get(`/admin/stipends/${period}`).expect(200);
    const blocking = problems(html.text, 'blocking');
    expect(blocking.map((p) => p.kind)).to.deep.equal(['noIban']);
    expect(blocking[0]!.text).to.contain('(D-005)');
    const link = unescapeHtml(/href="([^"]+)" data-iban-page>/.exec(html.text)![1]!);
    const bulk = await admin.get(link).expect(200);
    expect([...bulk.text.matchAll(/<tr data-row=/g)]).to.have.length(1);
    expect(bulk.text).to.contain('D-005');
  });
});
