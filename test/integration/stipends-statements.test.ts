import { expect } from 'chai';
import { vilniusPeriod, shiftPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { getFinalised } from '../../src/stipends/service.ts';
import { SHOWN_ITEMS } from '../../src/stipends/statements.ts';
import { makeStaff, signIn, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { plainSpaces, readPdf } from '../support/pdf-text.ts';
import { seedOrganisation } from '../e2e/support.ts';
import { PEOPLE, seedStatementsMonth, type StatementsMonth } from '../support/statements-month.ts';
import { expectMessage, unescapeHtml } from './helpers.ts';

const period = vilniusPeriod(new Date());

function oneLine(text: string): string {
  return plainSpaces(text).replace(/\s+/g, ' ').trim();
}

/** A PDF page's words: a double name wrapped at its hyphen reads as one word again. */
function pdfLine(text: string): string {
  return oneLine(text.replace(/(\p{L})-\n(?=\p{L})/gu, '$1-'));
}

/** Each statement of a page: its participant and its words (the printed part, links left out). */
function articles(html: string): { id: string; total: number; text: string; html: string }[] {
  return [
    ...html.matchAll(/<article[^>]*data-statement="([^"]+)" data-total="(\d+)"[^>]*>([\s\S]*?)<\/article>/g),
  ].map((m) => ({
    id: m[1]!,
    total: Number(m[2]),
    html: m[3]!,
    text: oneLine(unescapeHtml(m[3]!.replace(/<[^>]+>/g, ' '))),
  }));
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

function pdfBody(res: { body: unknown }): Buffer {
  return Buffer.from(res.body as Buffer);
}

/** The agent's language, as the language switch leaves it (a cookie). */
function useLang(agent: Agent, lang: 'lt' | 'en'): void {
  (agent as unknown as { jar: { setCookie(c: string): void } }).jar.setCookie(`lang=${lang}`);
}

describe('stipend statements: one easy-read page per participant', function () {
  this.timeout(120_000);
  const t = useTestApp();
  let admin: Agent;
  let month: StatementsMonth;

  before(async () => {
    await seedOrganisation();
    const creds = await makeStaff('admin');
    admin = await signIn(t.app, creds);
    month = await seedStatementsMonth(t.storage, t.config, period, { id: creds.id, name: 'Administratorė' });
  });

  afterEach(() => useLang(admin, 'lt'));

  for (const lang of ['lt', 'en'] as const) {
    it(`prints all 16 (${lang}): the page and the PDF say the same words, one PDF page each`, async () => {
      useLang(admin, lang);
      const fin = (await getFinalised(period))!;
      const page = await admin.get(`/admin/stipends/${period}/statements`).expect(200);
      const shown = articles(page.text);
      expect(shown.map((a) => a.id)).to.deep.equal(fin.result.participants.map((p) => p.id));
      expect(shown).to.have.length(16);

      const res = await admin.get(`/admin/stipends/${period}/statements.pdf`).buffer(true).expect(200);
      expect(res.headers['content-type']).to.contain('application/pdf');
      expect(res.headers['content-disposition']).to.contain(`stipendijos-${period}-pazymos.pdf`);
      const pdf = await readPdf(pdfBody(res));
      expect(pdf.pages, 'one page per participant').to.have.length(16);
      shown.forEach((a, i) => {
        expect(pdfLine(pdf.pages[i]!), `statement ${i + 1}, word for word`).to.equal(a.text);
        const amount = oneLine(formatCents(a.total, lang === 'lt' ? 'lt-LT' : 'en-IE'));
        expect(occurrences(a.text, amount), `${a.id}: the amount once`).to.equal(1);
        expect(occurrences(a.text, '€'), `${a.id}: no other amount`).to.equal(1);
      });
    });
  }

  it('says the days in words, lists the things with their photos and counts the rest', async () => {
    const page = await admin.get(`/admin/stipends/${period}/statements`).expect(200);
    const byId = new Map(articles(page.text).map((a) => [a.id, a]));
    const first = byId.get(month.participants[0]!)!;
    expect(first.text).to.contain(`${PEOPLE[0]}, jūsų stipendija`);
    expect(first.text).to.contain('Atėjote 21 dieną iš 21.');
    expect(first.text).to.contain('Ir dar 2 kiti darbai.');
    expect(first.text).not.to.match(/\bd\.|Jūsų dalis/);
    const photos = [...first.html.matchAll(/<img class="statement-photo" src="([^"]+)"/g)].map((m) => m[1]!);
    expect(photos.length, 'the products with a photo among the four shown').to.be.within(1, SHOWN_ITEMS);
    for (const src of photos) {
      expect(src).to.match(/^\/media\/products\/[a-f0-9]{32}-thumb\.webp$/);
      const img = await admin.get(src).expect(200);
      expect(img.headers['content-type']).to.contain('image/webp');
    }
    expect(byId.get(month.participants[2]!)!.text).to.contain('Atėjote 1 dieną iš 21.');
    expect(byId.get(month.participants[3]!)!.text).to.contain('Atėjote 2 dienas iš 21.');
    const absent = byId.get(month.participants[4]!)!;
    expect(absent.text).to.contain('Atėjote 0 dienų iš 21.');
    expect(absent.text).to.contain('Šį mėnesį nebuvo parduota to, ką padėjote padaryti.');

    // The PDF embeds each product photo once, however many statements show it.
    const all = pdfBody(await admin.get(`/admin/stipends/${period}/statements.pdf`).buffer(true).expect(200));
    expect(occurrences(all.toString('latin1'), '/Subtype /Image')).to.equal(3);
  });

  it("gives one participant's page and PDF, the same words as in the month's", async () => {
    const id = month.participants[1]!;
    const all = articles((await admin.get(`/admin/stipends/${period}/statements`).expect(200)).text);
    const one = articles((await admin.get(`/admin/stipends/${period}/statements/${id}`).expect(200)).text);
    expect(one).to.have.length(1);
    expect(one[0]!.text).to.equal(all.find((a) => a.id === id)!.text);
    const res = await admin.get(`/admin/stipends/${period}/statements/${id}/pdf`).buffer(true).expect(200);
    expect(res.headers['content-disposition']).to.contain(`stipendija-${period}-S-02.pdf`);
    const pdf = await readPdf(pdfBody(res));
    expect(pdf.pages).to.have.length(1);
    expect(pdfLine(pdf.pages[0]!)).to.equal(one[0]!.text);
    expect(pdf.title).to.equal(`Stipendija: ${PEOPLE[1]}, ${monthLt(period)}`);
  });

  it('refuses an unknown participant, a bad address and a month not finalised', async () => {
    await admin.get(`/admin/stipends/${period}/statements/nobody`).expect(404);
    await admin.get(`/admin/stipends/${period}/statements/nobody/pdf`).expect(404);
    await admin.get(`/admin/stipends/${period}/statements/a%20b`).expect(404);
    await admin.get(`/admin/stipends/2026-13/statements.pdf`).expect(404);
    const draft = shiftPeriod(period, -1);
    for (const url of [`/statements`, `/statements.pdf`, `/statements/${month.participants[0]}/pdf`]) {
      const res = await admin.get(`/admin/stipends/${draft}${url}`).expect(404);
      if (!url.endsWith('pdf')) expectMessage(res.text, 'period.errors.notFinalised', { period: draft });
    }
  });

  it('is for administrators only', async () => {
    const urls = [
      `/admin/stipends/${period}/statements`,
      `/admin/stipends/${period}/statements.pdf`,
      `/admin/stipends/${period}/statements/${month.participants[0]}`,
      `/admin/stipends/${period}/statements/${month.participants[0]}/pdf`,
    ];
    for (const role of ['marketing', 'master'] as const) {
      const agent = await signInAs(t.app, role);
      for (const url of urls) await agent.get(url).expect(403);
    }
    const { default: request } = await import('supertest');
    for (const url of urls) {
      const res = await request(t.app).get(url);
      expect(res.status, url).to.equal(303);
      expect(res.headers.location).to.match(/^\/login/);
    }
  });
});

function monthLt(p: string): string {
  const [y, m] = p.split('-').map(Number) as [number, number];
  const name = new Intl.DateTimeFormat('lt-LT', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
  return `${y} metų ${name}`;
}
