import { expect } from 'chai';
import request from 'supertest';
import { Attendance } from '../../src/participants/model.ts';
import { currentPeriod } from '../../src/participants/periods.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { ServiceRequest } from '../../src/services/model.ts';
import { makeStaff, signIn, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { Product } from '../../src/catalog/model.ts';
import { lt, unescapeHtml } from './helpers.ts';
import { attr, formFor, sendForm, type PageForm } from './page-forms.ts';
import { PDF_BYTES, requestFields } from './services-support.ts';
import { translate } from '../../src/web/i18n.ts';

/**
 * A refused form is shown again at the address it was posted to: that address (the form's action)
 * must not carry the CSRF token, and whatever was typed comes back.
 */
describe('refused forms keep the CSRF token out of the address bar', () => {
  const t = useTestApp();
  let master: Agent;
  let ona: string;

  before(async () => {
    const user = await makeStaff('master');
    master = await signIn(t.app, user);
    ona = await createParticipant(
      {
        displayName: 'Ona',
        code: 'AB-1',
        startDate: '2020-01-01',
        endDate: null,
        consentToName: false,
        publicName: '',
      },
      { id: user.id, role: 'master' },
    );
  });

  const noToken = (form: PageForm) => {
    expect(form.action, 'form action').to.not.match(/_csrf/);
    expect(form.controls.some((c) => c.name === '_csrf' && c.type === 'hidden' && c.value)).to.equal(true);
  };

  describe('attendance', () => {
    it('shows a refused save again at an address without the token, and saves the corrected one', async () => {
      const page = await master.get('/admin/attendance').expect(200);
      const form = formFor(page.text, '/admin/attendance');
      noToken(form);
      const refused = await sendForm(master, form, { set: { [`days_${ona}`]: '99' } });
      expect(refused.status).to.equal(422);
      const again = formFor(refused.text, '/admin/attendance');
      noToken(again);
      expect(again.controls.find((c) => c.name === `days_${ona}`)!.value).to.equal('99');
      expect(await Attendance.countDocuments()).to.equal(0);

      const saved = await sendForm(master, again, { set: { [`days_${ona}`]: '3' } });
      expect(saved.status).to.equal(303);
      expect(saved.headers.location).to.equal(`/admin/attendance?period=${currentPeriod()}`);
      expect(await Attendance.countDocuments()).to.equal(1);
    });

    it('still refuses a multipart save without a token, or with a forged one', async () => {
      const page = await master.get('/admin/attendance').expect(200);
      const form = formFor(page.text, '/admin/attendance');
      for (const token of ['', 'forged']) {
        const res = await sendForm(master, form, { set: { _csrf: token, [`days_${ona}`]: '5' } });
        expect(res.status, `token “${token}”`).to.equal(403);
      }
      const bare = await master
        .post('/admin/attendance')
        .field('period', currentPeriod())
        .field(`days_${ona}`, '5');
      expect(bare.status).to.equal(403);
      const doc = await Attendance.findOne().lean();
      expect(doc?.days).to.equal(3);
    });
  });

  describe('contributions', () => {
    it('keeps the token out of the grid form’s address', async () => {
      const page = await master.get('/admin/contributions').expect(200);
      const forms = [...page.text.matchAll(/<form\b[^>]*method="post"[^>]*>/g)].map((m) =>
        attr(m[0], 'action'),
      );
      expect(forms.filter((a) => a?.includes('_csrf'))).to.deep.equal([]);
      const bare = await master.post('/admin/contributions').field('period', currentPeriod());
      expect(bare.status).to.equal(403);
    });
  });

  describe('the product form', () => {
    it('shows a refused new or edited product again without the token, and still refuses a post without one', async () => {
      const marketing = await signInAs(t.app, 'marketing');
      const page = await marketing.get('/admin/products/new?kind=good').expect(200);
      const form = formFor(page.text, '/admin/products');
      noToken(form);
      const refused = await sendForm(marketing, form, { set: { titleLt: 'Puodelis', price: 'daug' } });
      expect(refused.status).to.equal(422);
      noToken(formFor(refused.text, '/admin/products'));
      const created = await sendForm(marketing, form, {
        set: { titleLt: 'Puodelis', sku: 'AB-MUG', price: '12,50' },
      });
      expect(created.status, created.text.slice(0, 300)).to.equal(303);
      const id = /\/admin\/products\/([a-f0-9]{24})\/edit/.exec(String(created.headers.location))![1]!;

      const edit = await marketing.get(`/admin/products/${id}/edit`).expect(200);
      const editForm = formFor(edit.text, `/admin/products/${id}`);
      noToken(editForm);
      const again = await sendForm(marketing, editForm, { set: { price: 'daug' } });
      expect(again.status).to.equal(422);
      noToken(formFor(again.text, `/admin/products/${id}`));
      const forged = await sendForm(marketing, editForm, { set: { _csrf: 'forged', titleLt: 'Pakeista' } });
      expect(forged.status).to.equal(403);
      expect((await Product.findById(id).lean())!.title!.lt).to.equal('Puodelis');
    });
  });

  describe('the public request form', () => {
    const typed = {
      companyName: 'UAB Pavyzdys',
      companyCode: '12', // too short: refused
      contactName: 'Rūta Pirkėja',
      email: 'ruta@pavyzdys.example',
      phone: '+370 600 12345',
      description: 'Supakuoti 50 rinkinių.',
      quantity: '50',
    };

    async function refusedWithFile(agent: Agent) {
      const page = await agent.get('/requests/new').expect(200);
      const form = formFor(page.text, '/requests/new');
      noToken(form);
      const res = await sendForm(agent, form, {
        set: { ...typed, service: 'other' },
        files: { attachments: { name: 'planas.pdf', data: PDF_BYTES } },
      });
      expect(res.status).to.equal(422);
      return res;
    }

    it('shows a refused request again without the token, with what was typed, asking for the file again', async () => {
      const agent = request.agent(t.app);
      const res = await refusedWithFile(agent);
      const again = formFor(res.text, '/requests/new');
      noToken(again);
      const value = (name: string) => again.controls.find((c) => c.name === name)?.value;
      expect(value('companyName')).to.equal(typed.companyName);
      expect(value('contactName')).to.equal(typed.contactName);
      expect(value('description')).to.equal(typed.description);
      expect(value('service')).to.equal('other');
      expect(unescapeHtml(res.text)).to.contain(lt('requests.attachmentsAgain'));
      expect(await ServiceRequest.countDocuments()).to.equal(0);

      // Corrected, the same form goes through (the file chosen again).
      const sent = await sendForm(agent, again, {
        set: { companyCode: '304111222' },
        files: { attachments: { name: 'planas.pdf', data: PDF_BYTES } },
      });
      expect(sent.status, sent.text.slice(0, 500)).to.equal(303);
      expect(await ServiceRequest.countDocuments()).to.equal(1);
    });

    it('asks for the file again in English too', async () => {
      const agent = request.agent(t.app);
      await agent.get('/lang/en?next=/').expect(303);
      const res = await refusedWithFile(agent);
      expect(unescapeHtml(res.text)).to.contain(translate('en', 'requests.attachmentsAgain'));
    });

    it('does not ask for a file again when none was chosen', async () => {
      const agent = request.agent(t.app);
      const page = await agent.get('/requests/new').expect(200);
      const res = await sendForm(agent, formFor(page.text, '/requests/new'), { set: { ...typed } });
      expect(res.status).to.equal(422);
      expect(unescapeHtml(res.text)).to.not.contain(lt('requests.attachmentsAgain'));
    });

    it('still refuses a multipart request without a token or with a forged one; nothing is stored', async () => {
      const before = await ServiceRequest.countDocuments();
      const agent = request.agent(t.app);
      const page = await agent.get('/requests/new').expect(200);
      const form = formFor(page.text, '/requests/new');
      const fields = { ...requestFields(), _csrf: 'forged' };
      const forged = await sendForm(agent, form, { set: fields });
      expect(forged.status).to.equal(403);
      let bare = agent.post('/requests/new');
      for (const [k, v] of Object.entries(requestFields())) bare = bare.field(k, v);
      expect((await bare).status).to.equal(403);
      expect(await ServiceRequest.countDocuments()).to.equal(before);
    });
  });
});
