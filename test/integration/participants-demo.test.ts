import { expect } from 'chai';
import request from 'supertest';
import { Product } from '../../src/catalog/model.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { currentPeriod, shiftPeriod } from '../../src/participants/periods.ts';
import { paymentDetails, periodInputs } from '../../src/participants/service.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { lt, unescapeHtml } from './helpers.ts';

describe('demo participants', function () {
  this.timeout(120_000);
  const t = useTestApp();

  before(() => seedDemo({ storage: t.storage, log: () => {}, reset: false }));

  it("seeds participants with attendance, contributions and bank accounts, all of last month's with one", async () => {
    const inputs = await periodInputs(currentPeriod());
    expect(inputs.participants).to.have.length(7);
    expect(inputs.participants.every((p) => p.attendanceDays > 0)).to.equal(true);
    expect(inputs.contributions.length).to.be.greaterThan(0);
    const ids = inputs.participants.map((p) => p.id);
    const details = await paymentDetails(ids, { id: 'test', role: 'admin' });
    expect(details.filter((d) => d.iban === null).map((d) => d.displayName)).to.deep.equal([
      'Rūta Petraitytė',
    ]);
    const last = await periodInputs(shiftPeriod(currentPeriod(), -1));
    expect(last.participants.map((p) => p.id)).to.not.include(ids[details.findIndex((d) => d.iban === null)]);
  });

  it('names consenting makers on a product page', async () => {
    const inputs = await periodInputs(currentPeriod());
    const productId = inputs.contributions.find((c) => c.target.kind === 'product')!.target.id;
    const product = await Product.findById(productId).lean();
    const page = await request(t.app).get(`/products/${product!.slug}`).expect(200);
    expect(page.text).to.contain(lt('participants.madeBy', { names: '' }).replace(/\s*$/, ''));
    expect(page.text).to.not.contain('Laura');
    expect(page.text).to.not.contain('Jonas Stankevičius');
  });

  it("shows this month's grid in hours and warns about the days above the workdays", async () => {
    const master = await signInAs(t.app, 'master');
    const period = currentPeriod();
    const grid = await master.get(`/admin/contributions?period=${period}`).expect(200);
    expect(grid.text).to.match(/class="grid-input"[^>]*value="7,5"/);
    expect(grid.text).to.match(/class="grid-input"[^>]*value="11,25"/);
    expect(grid.text).to.not.match(/class="grid-input"[^>]*value="\d{3,}"/);
    const attendance = unescapeHtml(
      (await master.get(`/admin/attendance?period=${period}`).expect(200)).text,
    );
    expect(attendance).to.contain('data-over-summary');
    expect(attendance).to.contain('Jonas Stankevičius');
  });
});
