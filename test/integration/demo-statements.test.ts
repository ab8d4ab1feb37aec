import { expect } from 'chai';
import { seedDemo } from '../../src/demo/seed.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { shiftPeriod } from '../../src/participants/periods.ts';
import { signInAs, tokenFor, useTestApp } from '../support/app.ts';
import { readPdf } from '../support/pdf-text.ts';
import { unescapeHtml } from './helpers.ts';

/** The demo shows the statements as soon as an administrator finalises last month. */
describe('demo workshop: easy-read statements', function () {
  this.timeout(180_000);
  const t = useTestApp();
  const previous = shiftPeriod(vilniusPeriod(new Date()), -1);

  before(async () => {
    await seedDemo({ storage: t.storage, log: () => {}, reset: false });
  });

  it("has last month's statements with the goods' photos and the job, on the page and in the PDF", async () => {
    const admin = await signInAs(t.app, 'admin');
    const token = await tokenFor(admin, `/admin/stipends/${previous}`);
    await admin
      .post(`/admin/stipends/${previous}/finalise`)
      .type('form')
      .send({ _csrf: token, confirm: 'on' })
      .expect(303);

    const page = await admin.get(`/admin/stipends/${previous}/statements`).expect(200);
    const statements = page.text.match(/<article /g) ?? [];
    expect(statements).to.have.length(6);
    expect(page.text).to.match(
      /<img class="statement-photo" src="\/media\/products\/[a-f0-9]{32}-thumb\.webp"/,
    );
    expect(page.text).to.contain('statement-icon');
    expect(unescapeHtml(page.text)).to.contain('Darbas įmonei: ');

    const pdf = await admin.get(`/admin/stipends/${previous}/statements.pdf`).buffer(true).expect(200);
    const body = Buffer.from(pdf.body as Buffer);
    expect((await readPdf(body)).pages).to.have.length(6);
    expect(body.toString('latin1')).to.contain('/Subtype /Image');
  });
});
