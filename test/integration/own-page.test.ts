import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { shiftPeriod, vilniusPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { getFinalised } from '../../src/stipends/service.ts';
import { seedOrganisation } from '../e2e/support.ts';
import { csrfFrom, makeStaff, signIn, useTestApp, type Agent } from '../support/app.ts';
import { readPdf } from '../support/pdf-text.ts';
import { qrCodesInPdf } from '../support/qr.ts';
import { seedStatementsMonth, type StatementsMonth } from '../support/statements-month.ts';
import { unescapeHtml } from './helpers.ts';

const period = vilniusPeriod(new Date());
const audit = () => mongoose.connection.collection('participant_audit');
const links = () => mongoose.connection.collection('participant_links');
const consents = () => mongoose.connection.collection('participant_consents');

function pathOf(url: string): string {
  return new URL(url).pathname;
}

function words(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

describe("participant's own page", function () {
  this.timeout(180_000);
  const t = useTestApp();
  let admin: Agent;
  let month: StatementsMonth;

  before(async () => {
    await seedOrganisation();
    const creds = await makeStaff('admin');
    admin = await signIn(t.app, creds);
    month = await seedStatementsMonth(t.storage, t.config, period, { id: creds.id, name: 'Administratorė' });
  });

  async function cardLink(id: string): Promise<string> {
    const res = await admin.get(`/admin/participants/${id}/card.pdf`).buffer(true).expect(200);
    expect(res.headers['content-type']).to.contain('application/pdf');
    const codes = await qrCodesInPdf(Buffer.from(res.body as Buffer));
    expect(codes, 'one QR code on the card').to.have.length(1);
    return codes[0]!;
  }

  async function post(path: string, fields: Record<string, string>, agent = admin) {
    const page = await agent.get(`/admin/participants/${month.participants[0]}`).expect(200);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  it("prints a card whose QR code opens the person's finalised month with their statement's amount", async () => {
    const id = month.participants[1]!;
    const url = await cardLink(id);
    expect(url).to.match(new RegExp(`^${t.config.publicUrl}/p/[A-Za-z0-9_-]{24}$`));
    const pdf = await readPdf(
      Buffer.from((await admin.get(`/admin/participants/${id}/card.pdf`).buffer(true)).body),
    );
    expect(pdf.text.replace(/\s+/g, ' ')).to.contain('Jonas Ąžuolas');
    expect(pdf.text.replace(/\s+/g, '')).to.contain(url.replace(/^https?:\/\//, ''));

    const before = await audit().countDocuments({ action: 'selfView', participantIds: id });
    const res = await request(t.app).get(pathOf(url)).expect(200);
    expect(res.headers['cache-control']).to.contain('no-store');
    expect(res.headers['x-robots-tag']).to.contain('noindex');
    expect(res.text).to.contain('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers['set-cookie'], 'no session for the participant').to.equal(undefined);
    const fin = (await getFinalised(period))!;
    const mine = fin.result.participants.find((p) => p.id === id)!;
    const text = words(res.text);
    expect(text).to.contain('Sveiki, Jonas Ąžuolas!');
    expect(text).to.contain(formatCents(mine.totalCents, 'lt-LT').replace(/\u00a0/g, ' '));
    expect(text).to.contain('Atėjote 18 dienų.');
    expect(res.text).to.match(/<img src="\/media\/products\/[a-f0-9]{32}-thumb\.webp"/);
    // Nobody else's name, and never a bank account.
    expect(text).not.to.contain('Ona Žukauskienė');
    expect(text).not.to.match(/LT\d{2}\s?\d{4}/);
    expect(await audit().countDocuments({ action: 'selfView', participantIds: id })).to.equal(before + 1);
    const entry = await audit().findOne({ action: 'selfView', participantIds: id }, { sort: { at: -1 } });
    expect(entry!.actorRole).to.equal('participant');
    expect(entry!.context).to.equal(`own-page:${period}`);
  });

  it('says "not counted yet" for a month not finalised, and reads the English page in English', async () => {
    const id = month.participants[0]!;
    const url = await cardLink(id);
    const last = shiftPeriod(period, -1);
    const draft = await request(t.app)
      .get(`${pathOf(url)}?m=${last}`)
      .expect(200);
    expect(words(draft.text)).to.contain('Dar nesuskaičiuota.');
    const en = await request(t.app).get(pathOf(url)).set('Cookie', 'lang=en').expect(200);
    expect(words(en.text)).to.contain('You will get');
    expect(en.text).to.contain('<html lang="en">');
  });

  it('renewing makes the old card 404 at once; switching off makes the page 404', async () => {
    const id = month.participants[2]!;
    const first = pathOf(await cardLink(id));
    await request(t.app).get(first).expect(200);
    const refused = await post(`/admin/participants/${id}/own-page/renew`, {});
    expect(refused.status).to.equal(303);
    expect(pathOf(await cardLink(id)), 'not renewed without the confirmation').to.equal(first);
    await post(`/admin/participants/${id}/own-page/renew`, { confirm: 'on' }).then((r) =>
      expect(r.status).to.equal(303),
    );
    const second = pathOf(await cardLink(id));
    expect(second).not.to.equal(first);
    await request(t.app).get(first).expect(404);
    await request(t.app).get(second).expect(200);
    await post(`/admin/participants/${id}/own-page/off`, { confirm: 'on' }).then((r) =>
      expect(r.status).to.equal(303),
    );
    await request(t.app).get(second).expect(404);
    expect(await links().countDocuments({ participantId: id })).to.equal(0);
    const staffPage = await admin.get(`/admin/participants/${id}`).expect(200);
    expect(staffPage.text).to.contain('data-own-link="off"');
  });

  it('answers 404 to a malformed or guessed token and to a month out of range, and reads no other id', async () => {
    const id = month.participants[3]!;
    const own = pathOf(await cardLink(id));
    for (const bad of [
      '/p/abc',
      '/p/' + 'A'.repeat(24),
      '/p/' + 'A'.repeat(25),
      "/p/'%20OR%201=1",
      '/p/%24where',
    ]) {
      const res = await request(t.app).get(bad);
      expect(res.status, bad).to.equal(404);
      expect(res.text).not.to.contain('Sveiki');
    }
    for (const m of ['2019-01', '2026-13', 'abc', shiftPeriod(period, 1), shiftPeriod(period, -12)])
      expect((await request(t.app).get(`${own}?m=${m}`)).status, m).to.equal(404);
    const other = month.participants[0]!;
    const res = await request(t.app).get(`${own}?participantId=${other}&id=${other}`).expect(200);
    expect(words(res.text)).to.contain('Sveiki, Petras Šimkus!');
    expect(words(res.text)).not.to.contain('Ona Žukauskienė');
  });

  it('prints all cards for the master, none for marketing', async () => {
    const master = await signIn(t.app, await makeStaff('master'));
    const res = await master.get('/admin/participants/cards.pdf').buffer(true).expect(200);
    const codes = await qrCodesInPdf(Buffer.from(res.body as Buffer));
    expect(codes).to.have.length(16);
    expect(new Set(codes).size).to.equal(16);
    const marketing = await signIn(t.app, await makeStaff('marketing'));
    await marketing.get('/admin/participants/cards.pdf').expect(403);
    await marketing.get(`/admin/participants/${month.participants[0]}/card.pdf`).expect(403);
  });

  it('records a consent with its date; withdrawing the name takes it off the product page at once', async () => {
    const id = month.participants[5]!;
    const good = month.goods[5]!; // the one the sixth person worked on
    const editToken = csrfFrom((await admin.get(`/admin/participants/${id}/edit`).expect(200)).text);
    await admin
      .post(`/admin/participants/${id}`)
      .type('form')
      .send({
        _csrf: editToken,
        displayName: 'Mindaugas Kazlauskas',
        code: 'S-06',
        startDate: '2020-01-01',
        endDate: '',
        consentToName: 'on',
        publicName: 'Mindaugas',
      })
      .expect(303);
    const stored0 = await mongoose.connection
      .collection('products')
      .findOne({ _id: new mongoose.Types.ObjectId(good) });
    const product = async () =>
      words(
        (
          await request(t.app)
            .get(`/products/${String(stored0!.slug)}`)
            .expect(200)
        ).text,
      );
    // Public pages follow changes within a second (the in-memory catalogue's change log).
    const eventually = async (check: (text: string) => boolean) => {
      for (let i = 0; i < 30; i++) {
        if (check(await product())) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    expect(await eventually((text) => text.includes('Mindaugas'))).to.equal(true);
    const stored = await consents().countDocuments({ participantId: id });
    expect(stored, 'the checkbox change is kept with a date').to.equal(1);

    await post(`/admin/participants/${id}/consents`, { kind: 'name', given: 'no', on: '2026-11-20' }).then(
      (r) => expect(r.status).to.equal(303),
    );
    expect(await eventually((text) => !text.includes('Mindaugas'))).to.equal(true);
    const history = await admin.get(`/admin/participants/${id}`).expect(200);
    expect(words(history.text)).to.contain('2026-11-20 · Vardas prie gaminių: Atšaukė');
    const url = await cardLink(id);
    const own = words((await request(t.app).get(pathOf(url)).expect(200)).text);
    expect(own).to.contain('Jūsų vardas nerodomas prie daiktų. Nuo 2026-11-20.');
  });

  it('refuses bad consent inputs with a message and stores nothing', async () => {
    const id = month.participants[6]!;
    const before = await consents().countDocuments();
    const cases: [Record<string, string>, string][] = [
      [{ kind: 'face', given: 'yes', on: '2026-11-01' }, 'Pasirinkite, kokį sutikimą įrašote.'],
      [{ kind: 'photos', on: '2026-11-01' }, 'Pasirinkite, ar dalyvis sutinka.'],
      [{ kind: 'photos', given: 'yes', on: '01/11/2026' }, 'Įrašykite datą taip: 2026-11-30.'],
      [{ kind: 'photos', given: 'yes', on: '2999-01-01' }, 'Data negali būti ateityje.'],
      [{ kind: 'name', given: 'yes', on: '2026-11-01' }, 'Pirma įrašykite viešą vardą dalyvio duomenyse.'],
      [
        { kind: { $ne: 1 } as unknown as string, given: 'yes', on: '2026-11-01' },
        'Pasirinkite, kokį sutikimą įrašote.',
      ],
    ];
    for (const [fields, message] of cases) {
      const res = await post(`/admin/participants/${id}/consents`, fields);
      expect(res.status).to.equal(303);
      const page = await admin.get(`/admin/participants/${id}`).expect(200);
      expect(words(page.text), JSON.stringify(fields)).to.contain(message);
    }
    expect(await consents().countDocuments()).to.equal(before);
    const marketing = await signIn(t.app, await makeStaff('marketing'));
    const token = csrfFrom((await marketing.get('/admin').expect(200)).text);
    await marketing
      .post(`/admin/participants/${id}/consents`)
      .type('form')
      .send({ _csrf: token, kind: 'photos', given: 'yes', on: '2026-11-01' })
      .expect(403);
    expect(await consents().countDocuments()).to.equal(before);
  });
});
