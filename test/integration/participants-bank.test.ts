import { expect } from 'chai';
import { AuditEntry, Participant, type AuditDoc, type ParticipantDoc } from '../../src/participants/model.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { paymentDetails } from '../../src/participants/service.ts';
import { FormSubmission } from '../../src/web/form-once.ts';
import { translatePlural } from '../../src/web/i18n.ts';
import { makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage, unescapeHtml } from './helpers.ts';

const PAGE = '/admin/participants/ibans';

/** A valid Lithuanian IBAN for a 16-digit account number (check digits computed). */
function ltIban(bban: string): string {
  let rem = 0;
  for (const d of `${bban}212900`) rem = (rem * 10 + Number(d)) % 97;
  return `LT${String(98 - rem).padStart(2, '0')}${bban}`;
}

/** The same IBAN with one digit of the account number changed: its check digits no longer match. */
function mistyped(iban: string): string {
  const last = Number(iban.slice(-1));
  return `${iban.slice(0, -1)}${(last + 1) % 10}`;
}

const account = (n: number) => ltIban(String(7300010000000000 + n));

describe('participants: bank accounts of many people on one page', () => {
  const t = useTestApp();
  let admin: Agent;
  let adminId: string;
  let token: string;
  /** 16 current participants, named so the page lists them in this order; every third has an account. */
  const people: { id: string; name: string; iban: string | null }[] = [];
  let ended = '';

  /** Each participant's stored (sealed) account, to prove nothing changed. */
  async function sealed(): Promise<string> {
    const docs = await Participant.find({}, { iban: 1 }).sort({ _id: 1 }).lean<ParticipantDoc[]>();
    return JSON.stringify(docs);
  }

  before(async () => {
    const creds = await makeStaff('admin');
    adminId = creds.id;
    admin = await signIn(t.app, creds);
    token = await tokenFor(admin, '/admin/participants');
    const actor = { id: adminId, role: 'admin', name: 'Administratorė' };
    for (let i = 1; i <= 16; i++) {
      const name = `Dalyvis ${String(i).padStart(2, '0')}`;
      const iban = i % 3 === 0 ? account(i) : null;
      const id = await createParticipant(
        {
          displayName: name,
          code: `P-${i}`,
          startDate: '2020-01-01',
          endDate: null,
          consentToName: false,
          publicName: '',
          ...(iban ? { iban } : {}),
        },
        actor,
      );
      people.push({ id, name, iban });
    }
    ended = await createParticipant(
      {
        displayName: 'Baigęs Dalyvis',
        code: 'X-1',
        startDate: '2020-01-01',
        endDate: '2021-01-01',
        consentToName: false,
        publicName: '',
      },
      actor,
    );
  });

  /** Every row of the page with what it says, in order. */
  function rowsOf(html: string) {
    return [...html.matchAll(/<tr data-row="(\d+)" data-participant="([a-f0-9]{24})"[\s\S]*?<\/tr>/g)].map(
      (m) => ({
        n: Number(m[1]),
        id: m[2]!,
        current: /data-current>([\s\S]*?)<\/td>/.exec(m[0])![1]!,
      }),
    );
  }

  function post(agent: Agent, csrf: string, body: Record<string, string | string[]>) {
    return agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, ...body });
  }

  it('refuses the production master and marketing (403), and stores nothing', async () => {
    for (const role of ['master', 'marketing'] as const) {
      const agent = await signInAs(t.app, role);
      const csrf = await tokenFor(agent, '/admin');
      const before = await sealed();
      const audits = await AuditEntry.countDocuments();
      expect((await agent.get(PAGE)).status, `${role} GET`).to.equal(403);
      expect((await agent.get(`${PAGE}?show=missing`)).status).to.equal(403);
      const res = await post(agent, csrf, { formKey: 'a'.repeat(32), [`iban_${people[0]!.id}`]: account(1) });
      expect(res.status, `${role} POST`).to.equal(403);
      expect(await sealed()).to.equal(before);
      expect(await AuditEntry.countDocuments(), 'a refused look is not a look').to.equal(audits);
    }
    expect(await FormSubmission.countDocuments()).to.equal(0);
  });

  it('lists current participants with masked accounts only, and records who was shown', async () => {
    const before = await AuditEntry.countDocuments();
    const res = await admin.get(PAGE).expect(200);
    const rows = rowsOf(res.text);
    expect(rows.map((r) => r.id)).to.deep.equal(people.map((p) => p.id));
    expect(rows.map((r) => r.n)).to.deep.equal(people.map((_, i) => i + 1));
    expect(res.text).not.to.contain(ended);
    for (const [i, p] of people.entries()) {
      if (p.iban) {
        expect(unescapeHtml(rows[i]!.current)).to.equal(`LT•• •••• ${p.iban.slice(-4)}`);
        expect(res.text, 'never the whole account').not.to.contain(p.iban);
        expect(res.text).not.to.contain(p.iban.slice(4, 12));
      } else expect(rows[i]!.current).to.contain('muted');
    }
    const audit = await AuditEntry.find().sort({ at: -1, _id: -1 }).limit(1).lean<AuditDoc[]>();
    expect(await AuditEntry.countDocuments()).to.equal(before + 1);
    expect(audit[0]).to.include({ action: 'list', actorId: adminId, context: 'bank-accounts' });
    expect(audit[0]!.participantIds).to.have.members(people.map((p) => p.id));
    expect(audit[0]!.fields).to.include('iban');

    const missing = rowsOf((await admin.get(`${PAGE}?show=missing`).expect(200)).text);
    expect(missing.map((r) => r.id)).to.deep.equal(people.filter((p) => !p.iban).map((p) => p.id));

    const named = [people[4]!.id, people[1]!.id];
    const page = await admin.get(`${PAGE}?ids=${named.join(',')},nonsense&period=2026-11`).expect(200);
    expect(rowsOf(page.text).map((r) => r.id)).to.have.members(named);
    expect(rowsOf(page.text)).to.have.length(2);
    expect(page.text).to.contain('href="/admin/stipends/2026-11"');
    expect(unescapeHtml(page.text)).to.contain(lt2('bank.named', { count: 2, period: '2026-11' }));
  });

  it('stores nothing when row 7 of 16 has a wrong check digit, naming the row and the person', async () => {
    const page = await admin.get(PAGE).expect(200);
    const formKey = keyOf(page.text);
    const body: Record<string, string> = { formKey, show: 'all' };
    for (const [i, p] of people.entries()) body[`iban_${p.id}`] = p.iban ? '' : account(100 + i);
    const seventh = people[6]!;
    body[`iban_${seventh.id}`] = mistyped(account(106));
    const before = await sealed();
    const audits = await AuditEntry.countDocuments({ action: 'update' });

    const res = await post(admin, token, body);
    expect(res.status).to.equal(422);
    expectFieldError(res.text, `iban_${seventh.id}`, 'bank.errors.checksum');
    expectMessage(res.text, 'bank.errors.rowChecksum', { row: 7, name: seventh.name });
    expectMessage(res.text, 'bank.errors.summary');
    expect(res.text, 'the summary links to the row').to.contain(`href="#iban_${seventh.id}"`);
    expect(res.text, 'what was typed stays').to.contain(`value="${account(100)}"`);
    expect(rowsOf(res.text).map((r) => r.id)).to.deep.equal(people.map((p) => p.id));
    expect(await sealed(), 'not one account stored').to.equal(before);
    expect(await AuditEntry.countDocuments({ action: 'update' })).to.equal(audits);
    expect(await FormSubmission.countDocuments(), 'the refused post frees its key').to.equal(0);
  });

  it('refuses other bad rows and malformed forms with a clear message, storing nothing', async () => {
    const id = people[0]!.id;
    const before = await sealed();
    const formKey = keyOf((await admin.get(PAGE).expect(200)).text);
    const cases: [string, string, string][] = [
      ['12345', 'bank.errors.format', 'bank.errors.rowFormat'],
      ['LT12 1000 0111 0100', 'bank.errors.length', 'bank.errors.rowLength'],
      ['ąžuolas', 'bank.errors.format', 'bank.errors.rowFormat'],
    ];
    for (const [value, rowKey, summaryKey] of cases) {
      const res = await post(admin, token, { formKey, [`iban_${id}`]: value });
      expect(res.status, value).to.equal(422);
      expectFieldError(res.text, `iban_${id}`, rowKey);
      expectMessage(res.text, summaryKey, { row: 1, name: people[0]!.name });
    }
    const unknown = await post(admin, token, { formKey, [`iban_${'0'.repeat(24)}`]: account(1) });
    expect(unknown.status).to.equal(422);
    expectMessage(unknown.text, 'bank.errors.summary');
    const malformed: Record<string, string | string[]>[] = [
      { formKey, [`iban_${id}`]: [account(1), account(2)] },
      { formKey, [`iban_${id}`]: 'x'.repeat(61) },
      { formKey, role: 'admin' },
      { formKey, iban_$ne: account(1) },
    ];
    for (const bad of malformed) {
      const res = await post(admin, token, bad);
      expect(res.status, JSON.stringify(bad)).to.equal(422);
      expectMessage(res.text, 'bank.errors.fields');
    }
    const noKey = await post(admin, token, { [`iban_${id}`]: account(1) });
    expect(noKey.status).to.equal(422);
    expectMessage(noKey.text, 'forms.errors.formKey');
    expect(await sealed()).to.equal(before);
    expect(await FormSubmission.countDocuments()).to.equal(0);
  });

  it('saves the rows filled in once under a double submit, leaves blank rows, and logs the field only', async () => {
    const page = await admin.get(`${PAGE}?show=missing`).expect(200);
    const formKey = keyOf(page.text);
    const [a, b, withOne] = [people[0]!, people[1]!, people[2]!];
    const before = await Participant.find({}, { iban: 1 }).lean<ParticipantDoc[]>();
    const body = {
      formKey,
      show: 'missing',
      [`iban_${a.id}`]: ` ${account(200)
        .toLowerCase()
        .replace(/(.{4})/g, '$1 ')}`,
      [`iban_${b.id}`]: account(201),
      [`iban_${withOne.id}`]: withOne.iban!,
      [`iban_${people[3]!.id}`]: '',
    };
    const audits = await AuditEntry.countDocuments({ action: 'update' });
    const [r1, r2] = await Promise.all([post(admin, token, body), post(admin, token, body)]);
    expect([r1.status, r2.status]).to.deep.equal([303, 303]);
    expect(r1.headers.location).to.equal(`${PAGE}?show=missing`);
    expect(r2.headers.location).to.equal(r1.headers.location);

    const details = await paymentDetails([a.id, b.id, withOne.id, people[3]!.id], {
      id: adminId,
      role: 'admin',
    });
    expect(details.map((d) => d.iban)).to.deep.equal([account(200), account(201), withOne.iban, null]);
    const after = new Map(
      (await Participant.find({}, { iban: 1 }).lean<ParticipantDoc[]>()).map((p) => [String(p._id), p.iban]),
    );
    for (const p of before)
      if (![a.id, b.id].includes(String(p._id)))
        expect(after.get(String(p._id)), 'rows left blank or the same are untouched').to.deep.equal(p.iban);

    const updates = await AuditEntry.find({ action: 'update' }).sort({ at: 1 }).lean<AuditDoc[]>();
    expect(updates, 'one record per account changed, once').to.have.length(audits + 2);
    const mine = updates.slice(audits);
    expect(mine.map((u) => u.participantIds[0])).to.have.members([a.id, b.id]);
    for (const u of mine) {
      expect(u.fields).to.deep.equal(['iban']);
      expect(JSON.stringify(u)).not.to.contain(account(200).slice(4));
      expect(JSON.stringify(u)).not.to.contain(account(201).slice(4));
    }
    const list = unescapeHtml((await admin.get(`${PAGE}?show=missing`).expect(200)).text);
    expect(list).not.to.contain(a.name);
  });

  it('goes back to the stipend month it was opened from, with the count saved', async () => {
    const p = people[4]!;
    const url = `${PAGE}?ids=${p.id}&period=2026-11`;
    const formKey = keyOf((await admin.get(url).expect(200)).text);
    const res = await post(admin, token, {
      formKey,
      ids: p.id,
      period: '2026-11',
      [`iban_${p.id}`]: account(300),
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/admin/stipends/2026-11');
    const month = await admin.get('/admin/stipends/2026-11').expect(200);
    expectMessage(month.text, 'bank.saved', { count: 1 });
  });
});

/** The one-time key of the page's form (the filter above it is a GET form without one). */
function keyOf(html: string): string {
  const keys = [...html.matchAll(/name="formKey" value="([a-f0-9]{32})"/g)].map((m) => m[1]!);
  expect(keys).to.have.length(1);
  return keys[0]!;
}

function lt2(key: string, params: Record<string, string | number>): string {
  return translatePlural('lt', key, Number(params.count), params);
}
