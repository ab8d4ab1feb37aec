import { expect } from 'chai';
import { Attendance, Contribution } from '../../src/participants/model.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { periodInputs } from '../../src/participants/service.ts';
import { StipendClaim } from '../../src/stipends/model.ts';
import { periodSettingsForm } from '../../src/stipends/schemas.ts';
import { savePeriodSettings } from '../../src/stipends/service.ts';
import { makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectMessage, lt, publishedGood, unescapeHtml } from './helpers.ts';

/** February 2026: 28 days, 20 weekdays, 16 February (a Monday) a public holiday: 19 workdays. */
const FEB = '2026-02';
/** May 2026: 1 May a Friday, Mother's Day on Sunday 3 May: 20 workdays. */
const MAY = '2026-05';

describe("the production master's month: workdays, warnings and hours", () => {
  const t = useTestApp();
  let master: Agent;
  let admin: Agent;
  let token: string;
  let ona: string;
  let jonas: string;
  const goods: string[] = [];

  before(async () => {
    const adminUser = await makeStaff('admin');
    admin = await signIn(t.app, adminUser);
    master = await signInAs(t.app, 'master');
    const actor = { id: adminUser.id, role: 'admin' };
    const base = { consentToName: false, publicName: '', endDate: null, startDate: '2025-01-01' };
    ona = await createParticipant({ ...base, displayName: 'Ona', code: 'M-1' }, actor);
    jonas = await createParticipant({ ...base, displayName: 'Jonas', code: 'M-2' }, actor);
    for (const [title, sku] of [
      ['Aguonų žvakė', 'M-A'],
      ['Beržinis šaukštas', 'M-B'],
      ['Cinamono muilas', 'M-C'],
    ] as const) {
      goods.push(await publishedGood(t.storage, { titleLt: title, sku }));
    }
    token = await tokenFor(master, '/admin/participants');
  });

  function post(agent: Agent, url: string, fields: Record<string, string>) {
    let req = agent.post(`${url}?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  }
  const cell = (participant: string, target: string) => `w_${participant}_product_${target}`;

  describe('attendance', () => {
    it("shows the month's workdays and its public holidays, by name, weekend ones marked", async () => {
      const feb = unescapeHtml((await master.get(`/admin/attendance?period=${FEB}`).expect(200)).text);
      expect(feb).to.contain(lt('attendance.workdays', { workdays: 19 }));
      expect(feb).to.contain(lt('attendance.workdaysSource.calendar'));
      expect(feb).to.contain('data-holiday="2026-02-16"');
      expect(feb).to.contain(lt('holiday.statehood'));
      const may = unescapeHtml((await master.get(`/admin/attendance?period=${MAY}`).expect(200)).text);
      expect(may).to.contain(lt('attendance.workdays', { workdays: 20 }));
      expect(may).to.contain(lt('holiday.labourDay'));
      expect(may).to.match(
        /data-holiday="2026-05-03">[^<]*<time[^>]*>[^<]*<\/time> – Motinos diena <span class="muted">\(savaitgalį/,
      );
      const en = await admin.get('/lang/en?next=/admin').expect(303);
      expect(en.status).to.equal(303);
      const english = unescapeHtml((await admin.get(`/admin/attendance?period=${FEB}`).expect(200)).text);
      expect(english).to.contain('Workdays this month: 19');
      expect(english).to.contain('Day of Restoration of the State of Lithuania');
      await admin.get('/lang/lt?next=/admin').expect(303);
      const march = unescapeHtml((await master.get('/admin/attendance?period=2026-09').expect(200)).text);
      expect(march).to.contain(lt('attendance.noHolidays'));
    });

    it("links an administrator, not the production master, to where the month's workdays are set", async () => {
      const forAdmin = await admin.get(`/admin/attendance?period=${FEB}`).expect(200);
      expect(forAdmin.text).to.contain(`href="/admin/stipends/${FEB}#settings-heading"`);
      const forMaster = await master.get(`/admin/attendance?period=${FEB}`).expect(200);
      expect(forMaster.text).to.not.contain('/admin/stipends/');
      expect(forMaster.text).to.contain('data-workdays="19"');
    });

    it('keeps days above the workdays, warns beside the row and at the top with what counts', async () => {
      await post(master, '/admin/attendance', { period: FEB, [`days_${ona}`]: '28', [`days_${jonas}`]: '19' })
        .expect(303)
        .expect('location', `/admin/attendance?period=${FEB}`);
      const rows = await Attendance.find({ period: FEB }).sort({ days: -1 }).lean();
      expect(rows.map((r) => [r.participantId, r.days])).to.deep.equal([
        [ona, 28],
        [jonas, 19],
      ]);
      // The engine counts min(days, workdays); the stored figure is what was typed.
      expect((await periodInputs(FEB)).participants.find((p) => p.id === ona)!.attendanceDays).to.equal(28);
      const page = await master.get(`/admin/attendance?period=${FEB}`).expect(200);
      const html = unescapeHtml(page.text);
      expect(html).to.contain(lt('attendance.over', { days: 28, workdays: 19 }));
      expect(html).to.contain('19 d.');
      expect(page.text).to.match(
        new RegExp(`id="days_${ona}"[^>]*aria-describedby="days_${ona}-over days-hint"`),
      );
      expect(page.text).to.not.contain(`id="days_${jonas}-over"`);
      expect(html).to.contain(lt('attendance.overSummary.one', { count: 1, workdays: 19 }));
      expect(html).to.contain(
        `<a href="#days_${ona}">${lt('attendance.overItem', { name: 'Ona', days: 28 })}</a>`,
      );
      expect(page.text.match(/data-over(?!-)/g)).to.have.length(1);
    });

    it('still refuses more days than the month has, with the warning not standing in for the error', async () => {
      const res = await post(master, '/admin/attendance', { period: FEB, [`days_${ona}`]: '29' }).expect(422);
      expectMessage(res.text, 'attendance.errors.tooManyDays', { max: 28 });
      expect(res.text).to.not.contain(`id="days_${ona}-over"`);
      expect((await Attendance.findOne({ period: FEB, participantId: ona }).lean())!.days).to.equal(28);
    });

    it('follows the workdays an administrator saved for the month', async () => {
      await savePeriodSettings(
        FEB,
        periodSettingsForm.parse({ poolShare: '70', baseAmount: '50', cap: '', workdays: '15' }),
        'admin',
      );
      const page = unescapeHtml((await master.get(`/admin/attendance?period=${FEB}`).expect(200)).text);
      expect(page).to.contain(lt('attendance.workdays', { workdays: 15 }));
      expect(page).to.contain(lt('attendance.workdaysSource.saved'));
      expect(page).to.contain(lt('attendance.overSummary.few', { count: 2, workdays: 15 }));
      expect(page).to.contain(lt('attendance.over', { days: 19, workdays: 15 }));
    });
  });

  describe('contributions grid', () => {
    it('adds a third good as a column and keeps the first two (the search form sends no add=NaN)', async () => {
      const first = await master.get(`/admin/contributions?period=${MAY}&q=aguonu`).expect(200);
      expect(first.text).to.not.contain('NaN');
      expect(first.text.match(/<form class="filters"[^]*?<\/form>/)![0]).to.not.contain('name="add"');
      expect(unescapeHtml(first.text)).to.contain(`/admin/contributions?period=${MAY}&add=${goods[0]}`);
      const two = `${goods[0]},${goods[1]}`;
      const page = await master.get(`/admin/contributions?period=${MAY}&add=${two}`).expect(200);
      // The search form carries the columns already added.
      expect(unescapeHtml(page.text)).to.match(
        new RegExp(`<form class="filters"[^]*?name="add" value="${two}"[^]*?</form>`),
      );
      const found = await master
        .get(`/admin/contributions?period=${MAY}&add=${encodeURIComponent(two)}&q=cinamono`)
        .expect(200);
      const addUrl = `/admin/contributions?period=${MAY}&add=${encodeURIComponent(`${two},${goods[2]}`)}`;
      expect(unescapeHtml(found.text)).to.contain(`href="${addUrl}"`);
      const three = await master.get(addUrl).expect(200);
      for (const good of goods) expect(three.text).to.contain(`name="${cell(ona, good)}"`);
    });

    it('shows stored hours back with the page language decimal mark', async () => {
      await post(master, '/admin/contributions', {
        period: MAY,
        add: goods.join(','),
        [cell(ona, goods[0]!)]: '1.5',
        [cell(jonas, goods[0]!)]: '2,25',
        [cell(ona, goods[1]!)]: '8',
      }).expect(303);
      const weights = await Contribution.find({ period: MAY }).sort({ weight: 1 }).lean();
      expect(weights.map((w) => w.weight)).to.deep.equal([150, 225, 800]);
      const ltPage = await master.get(`/admin/contributions?period=${MAY}`).expect(200);
      expect(ltPage.text).to.match(new RegExp(`name="${cell(ona, goods[0]!)}"[^>]*value="1,5"`));
      expect(ltPage.text).to.match(new RegExp(`name="${cell(jonas, goods[0]!)}"[^>]*value="2,25"`));
      expect(ltPage.text).to.match(new RegExp(`name="${cell(ona, goods[1]!)}"[^>]*value="8"`));
      await master.get('/lang/en?next=/admin').expect(303);
      const enPage = await master.get(`/admin/contributions?period=${MAY}`).expect(200);
      expect(enPage.text).to.match(new RegExp(`name="${cell(ona, goods[0]!)}"[^>]*value="1.5"`));
      await master.get('/lang/lt?next=/admin').expect(303);
    });

    it('refuses a bad cell with its own message and keeps what was typed, storing nothing', async () => {
      const before = await Contribution.find({ period: MAY }, { _id: 0, weight: 1, participantId: 1 }).lean();
      const res = await post(master, '/admin/contributions', {
        period: MAY,
        add: goods.join(','),
        [cell(ona, goods[0]!)]: 'abc',
        [cell(jonas, goods[0]!)]: '-1',
        [cell(ona, goods[1]!)]: '4',
        [cell(ona, goods[2]!)]: '1,125',
        [cell(jonas, goods[2]!)]: '745',
      }).expect(422);
      const html = unescapeHtml(res.text);
      expect(html).to.contain(
        `<p class="field-error" id="${cell(ona, goods[0]!)}-error">${lt('contributions.errors.hoursNumber')}`,
      );
      expect(html).to.contain(
        `<p class="field-error" id="${cell(jonas, goods[0]!)}-error">${lt('contributions.errors.hoursNegative')}`,
      );
      expect(html).to.contain(
        `<p class="field-error" id="${cell(ona, goods[2]!)}-error">${lt('contributions.errors.hoursDecimals')}`,
      );
      expect(html).to.contain(lt('contributions.errors.hoursTooMany', { max: 744, days: 31 }));
      // The summary names the cell: person and good.
      expect(html).to.contain(
        `<a href="#${cell(jonas, goods[0]!)}">Jonas: Aguonų žvakė – ${lt('contributions.errors.hoursNegative')}</a>`,
      );
      expect(res.text).to.match(new RegExp(`name="${cell(ona, goods[0]!)}"[^>]*value="abc"`));
      expect(res.text).to.not.match(new RegExp(`id="${cell(ona, goods[1]!)}-error"`));
      const after = await Contribution.find({ period: MAY }, { _id: 0, weight: 1, participantId: 1 }).lean();
      expect(after).to.deep.equal(before);
    });

    it('shows a finalised month read-only, without search, add or save', async () => {
      await Contribution.create({
        period: '2026-03',
        participantId: ona,
        targetKind: 'product',
        targetId: goods[0],
        weight: 350,
      });
      await StipendClaim.create({ _id: '2026-03:finalised', period: '2026-03', step: 'finalised' });
      const res = await master.get(`/admin/contributions?period=2026-03&add=${goods[1]}`).expect(200);
      expectMessage(res.text, 'contributions.finalisedNotice');
      expect(res.text).to.not.contain('data-add-good');
      expect(res.text).to.not.contain('name="q"');
      expect(res.text).to.not.contain('class="grid-input"');
      expect(res.text).to.not.contain('data-grid-save');
      expect(res.text).to.contain(`<span class="grid-value" data-cell="${cell(ona, goods[0]!)}">3,5</span>`);
      const attendance = await master.get('/admin/attendance?period=2026-03').expect(200);
      expect(attendance.text).to.not.contain('data-grid-save');
      expect(attendance.text).to.not.contain('data-edit-workdays');
    });
  });
});
