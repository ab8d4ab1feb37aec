import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { Attendance, Contribution } from '../../src/participants/model.ts';
import { StipendClaim } from '../../src/stipends/model.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

/** February 2026: 28 days, 19 workdays (16 February, a Monday, is a public holiday). */
const PERIOD = '2026-02';
const WORKDAYS = 19;
const SHOTS = '/tmp/shots-month';
const SCREENS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const PEOPLE = [
  'Aistė Vaitkutė',
  'Mindaugas Rimkus',
  'Laura Žukauskaitė',
  'Jonas Stankevičius',
  'Rūta Petrauskienė',
  'Tomas Kazlauskas',
  'Eglė Jankauskaitė',
  'Paulius Butkus',
  'Inga Navickienė',
  'Darius Urbonas',
  'Gintarė Balčiūnaitė',
  'Vytautas Žemaitis',
  'Kristina Sakalauskienė',
  'Andrius Vasiliauskas',
  'Justina Kavaliauskaitė',
  'Saulius Paulauskas',
];
const GOODS = [
  'Sojų vaško žvakė su levandomis',
  'Molinis puodelis rankų darbo',
  'Lininis virtuvės rankšluostis',
  'Beržinis šaukštas',
  'Vilnonės kojinės su raštais',
  'Kalėdinis atvirukas (rinkinys)',
  'Pintas krepšelis iš vytelių',
  'Natūralus muilas su medumi',
];

/** Attendance typed for each person: the first two above the workdays (kept, with a warning). */
const DAYS = PEOPLE.map((_, i) => (i === 0 ? 23 : i === 1 ? 21 : 8 + (i % 11)));
/** Hours typed in row r, column c ('' left blank): a decimal comma, a point, whole hours. */
const hoursAt = (r: number, c: number): string =>
  (r + c) % 7 === 0 ? '' : [`${(r % 5) + 1},5`, `${c + 2}`, `0.25`, `${r + 3}`][(r + c) % 4]!;
const weightOf = (text: string): number => Math.round(Number(text.replace(',', '.')) * 100);

/** The grid's box and the page's width, as the browser lays them out. */
function gridLayout(page: Page) {
  return page.evaluate<{
    docScroll: number;
    viewport: number;
    overflowX: string;
    gridRight: number;
    gridLeft: number;
    gridTop: number;
    scrollWidth: number;
    clientWidth: number;
  }>(`(() => {
    const grid = document.querySelector('[data-grid-scroll]');
    const box = grid.getBoundingClientRect();
    return {
      docScroll: document.scrollingElement.scrollWidth,
      viewport: window.innerWidth,
      overflowX: getComputedStyle(grid).overflowX,
      gridRight: box.right,
      gridLeft: box.left,
      gridTop: box.top,
      scrollWidth: grid.scrollWidth,
      clientWidth: grid.clientWidth,
    };
  })()`);
}

/** Presses a key that submits a form and waits until the page it leads to has loaded. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    page.keyboard.press(key),
  ]);
  await page.waitForLoadState('load');
}

describe("e2e: the production master's month, by keyboard", function () {
  this.timeout(300_000);
  const e2e = useE2eApp({ stripe: false });
  let master: { email: string; password: string; id: string };
  const people: string[] = [];
  const goods: string[] = [];
  let page: Page;

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    await seedOrganisation();
    master = await makeStaff('master');
    const actor = { id: master.id, role: 'master' };
    for (const [i, displayName] of PEOPLE.entries()) {
      const code = `P-${String(i + 1).padStart(2, '0')}`;
      const person = { displayName, code, startDate: '2025-01-01', endDate: null };
      people.push(await createParticipant({ ...person, consentToName: false, publicName: '' }, actor));
    }
    for (const [i, titleLt] of GOODS.entries()) {
      goods.push(await publishedGood(e2e.storage, { titleLt, sku: `G-${i + 1}` }));
    }
    page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, master);
  });
  /** Participant ids in the order of the page's rows. */
  const sorted: string[] = [];

  it('enters 16 participants’ attendance by keyboard, warns about days above the workdays', async () => {
    const j = await new Journey('month-attendance').start();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/attendance?period=${PERIOD}`);
    const inputs = page.locator('table[data-grid-keys] input.grid-input');
    expect(await inputs.count()).to.equal(16);
    const rowIds = await inputs.evaluateAll((els) => els.map((el) => el.getAttribute('id') ?? ''));
    expect([...rowIds].sort()).to.deep.equal(people.map((id) => `days_${id}`).sort());
    // The rows' order as the page shows them, for the grid too.
    sorted.push(...rowIds.map((id) => id.replace(/^days_/, '')));
    const typed = sorted.map((id) => DAYS[people.indexOf(id)]!);

    const started = performance.now();
    await inputs.first().focus();
    for (const days of typed) {
      await page.keyboard.type(String(days));
      await page.keyboard.press('Enter');
    }
    // Enter after the last row leaves the table for the save button; Enter there saves.
    expect(await page.evaluate('document.activeElement.hasAttribute("data-grid-save")')).to.equal(true);
    await pressAndLoad(page, 'Enter');
    await page.waitForLoadState('load');
    const ms = Math.round(performance.now() - started);
    console.log(`      attendance: 16 rows typed and saved by keyboard in ${ms} ms`);

    const stored = new Map(
      (await Attendance.find({ period: PERIOD }).lean()).map((a) => [a.participantId, a.days]),
    );
    for (const [i, id] of people.entries()) expect(stored.get(id), PEOPLE[i]).to.equal(DAYS[i]);
    const values = await Promise.all(rowIds.map((id) => page.locator(`[id="${id}"]`).inputValue()));
    expect(values).to.deep.equal(typed.map(String));
    // Kept as typed, with a warning beside each row over the workdays and one at the top.
    expect(await page.locator('[data-over-summary]').textContent()).to.contain(
      lt('attendance.overSummary.few', { count: 2, workdays: WORKDAYS }),
    );
    const warned = await page.locator('tr[data-over] .field-warning').allTextContents();
    expect(warned).to.have.members([
      lt('attendance.over', { days: 23, workdays: WORKDAYS }),
      lt('attendance.over', { days: 21, workdays: WORKDAYS }),
    ]);
    expect(await page.locator('[data-month-days]').textContent()).to.contain(lt('holiday.statehood'));
    await j.shot(page, 'attendance-saved');
    await page.screenshot({ path: `${SHOTS}/attendance-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate<{ doc: number; view: number }>(
      '({ doc: document.scrollingElement.scrollWidth, view: window.innerWidth })',
    );
    expect(widths.doc, 'attendance page width at 390').to.be.at.most(widths.view);
    await page.screenshot({ path: `${SHOTS}/attendance-390.png`, fullPage: true });
  });

  it('adds goods by search: each new column keeps the ones added before', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/contributions?period=${PERIOD}`);
    for (const [n, title] of GOODS.slice(0, 3).entries()) {
      await page.locator('#q').fill(title.split(' ')[0]!);
      await clickAndLoad(page, page.locator('form[data-add-good] button[type=submit]'));
      expect(page.url()).to.not.contain('NaN');
      await clickAndLoad(page, page.locator('.found-goods a').filter({ hasText: title }));
      const heads = await page.locator('.contribution-grid thead .grid-head__title').allTextContents();
      expect(heads, `after adding ${title}`).to.have.length(n + 1);
      expect(heads).to.have.members(GOODS.slice(0, n + 1));
    }
  });

  it('enters an 8-good grid down the columns by keyboard, saves it and reads it back as hours', async () => {
    const j = await new Journey('month-contributions').start();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/contributions?period=${PERIOD}&add=${goods.join(',')}`);
    const heads = await page.locator('.contribution-grid thead .grid-head__title').allTextContents();
    expect(heads).to.have.length(8);
    const columnGoods = heads.map((title) => goods[GOODS.indexOf(title)]!);
    const cellId = (r: number, c: number) => `w_${sorted[r]}_product_${columnGoods[c]}`;

    // Tab goes across, ArrowDown/ArrowUp and Enter down and up a column.
    await page.locator(`[id="${cellId(0, 0)}"]`).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).to.equal(cellId(0, 1));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.id')).to.equal(cellId(1, 1));
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate('document.activeElement.id')).to.equal(cellId(0, 1));

    const started = performance.now();
    await page.locator(`[id="${cellId(0, 0)}"]`).focus();
    for (let c = 0; c < 8; c++) {
      for (let r = 0; r < 16; r++) {
        const text = hoursAt(r, c);
        if (text) await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      }
    }
    expect(await page.evaluate('document.activeElement.hasAttribute("data-grid-save")')).to.equal(true);
    await pressAndLoad(page, 'Enter');
    await page.waitForLoadState('load');
    const ms = Math.round(performance.now() - started);
    console.log(`      contributions: 16 × 8 cells typed down the columns and saved by keyboard in ${ms} ms`);

    const stored = new Map(
      (await Contribution.find({ period: PERIOD }).lean()).map((w) => [
        `w_${w.participantId}_product_${w.targetId}`,
        w.weight,
      ]),
    );
    let filled = 0;
    for (let c = 0; c < 8; c++) {
      for (let r = 0; r < 16; r++) {
        const text = hoursAt(r, c);
        expect(stored.get(cellId(r, c)), cellId(r, c)).to.equal(text ? weightOf(text) : undefined);
        const shown = await page.locator(`[id="${cellId(r, c)}"]`).inputValue();
        // Shown back as hours with the Lithuanian decimal comma.
        expect(shown, `cell ${r},${c}`).to.equal(text ? String(weightOf(text) / 100).replace('.', ',') : '');
        if (text) filled += 1;
      }
    }
    expect(stored.size).to.equal(filled);
    await j.shot(page, 'grid-saved');
  });

  for (const screen of SCREENS) {
    it(`keeps the grid inside the screen at ${screen.width}×${screen.height}: it scrolls, the page does not`, async () => {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await page.goto(`/admin/contributions?period=${PERIOD}&add=${goods.join(',')}`);
      const layout = await gridLayout(page);
      console.log(
        `      ${screen.name}: page ${layout.docScroll}/${layout.viewport} px, grid ${layout.scrollWidth} px in a ${layout.clientWidth} px box`,
      );
      expect(layout.docScroll, 'the page scrolls sideways').to.be.at.most(layout.viewport);
      expect(layout.gridRight, 'the grid ends past the screen').to.be.at.most(layout.viewport);
      expect(layout.overflowX).to.equal('auto');
      if (screen.width < 600) expect(layout.scrollWidth).to.be.above(layout.clientWidth);
      // The hint that it scrolls sideways shows exactly when it does.
      expect(await page.locator('[data-scroll-hint]').isVisible(), 'scroll hint').to.equal(
        layout.scrollWidth > layout.clientWidth + 1,
      );
      await page.screenshot({ path: `${SHOTS}/contributions-${screen.width}.png`, fullPage: true });

      // Scrolled sideways and down inside the grid, names and the header stay where they were.
      const moved = await page.evaluate<{ nameLeft: number; headTop: number; scrolled: number }>(`(() => {
        const grid = document.querySelector('[data-grid-scroll]');
        grid.scrollLeft = 400;
        grid.scrollTop = 200;
        const name = grid.querySelector('tbody tr:nth-child(8) th[scope=row]').getBoundingClientRect();
        const head = grid.querySelector('thead th:nth-child(3)').getBoundingClientRect();
        return { nameLeft: name.left, headTop: head.top, scrolled: grid.scrollLeft };
      })()`);
      if (layout.scrollWidth > layout.clientWidth) {
        expect(moved.scrolled).to.be.above(0);
        expect(Math.abs(moved.nameLeft - layout.gridLeft), 'the name column moved').to.be.below(3);
      }
      expect(Math.abs(moved.headTop - layout.gridTop), 'the header moved').to.be.below(3);
      await page
        .locator('[data-grid-scroll]')
        .screenshot({ path: `${SHOTS}/contributions-${screen.width}-scrolled.png` });
      const after = await page.evaluate<number>('document.scrollingElement.scrollWidth');
      expect(after).to.be.at.most(layout.viewport);
    });
  }

  it('refuses "abc" and "-1" through the page with a message at each cell, storing nothing', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/contributions?period=${PERIOD}&add=${goods.join(',')}`);
    const before = await Contribution.find(
      { period: PERIOD },
      { _id: 0, participantId: 1, targetId: 1, weight: 1 },
    )
      .sort({ participantId: 1, targetId: 1 })
      .lean();
    const cells = page.locator('.contribution-grid input.grid-input');
    const first = (await cells.nth(0).getAttribute('id'))!;
    const second = (await cells.nth(8).getAttribute('id'))!;
    const third = (await cells.nth(1).getAttribute('id'))!;
    await cells.nth(0).focus();
    await page.keyboard.type('abc');
    await page.keyboard.press('Tab');
    await page.keyboard.type('9');
    await page.locator(`[id="${second}"]`).focus();
    await page.keyboard.type('-1');
    await clickAndLoad(page, page.locator('[data-grid-save]'));
    expect(await page.locator(`[id="${first}-error"]`).textContent()).to.equal(
      lt('contributions.errors.hoursNumber'),
    );
    expect(await page.locator(`[id="${second}-error"]`).textContent()).to.equal(
      lt('contributions.errors.hoursNegative'),
    );
    expect(await page.locator(`[id="${first}"]`).getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator(`[id="${first}"]`).inputValue()).to.equal('abc');
    expect(await page.locator(`[id="${third}"]`).inputValue()).to.equal('9');
    expect(await page.locator('.error-summary').textContent()).to.contain(
      lt('contributions.errors.hoursNegative'),
    );
    await page.screenshot({ path: `${SHOTS}/contributions-errors.png`, fullPage: true });
    const after = await Contribution.find(
      { period: PERIOD },
      { _id: 0, participantId: 1, targetId: 1, weight: 1 },
    )
      .sort({ participantId: 1, targetId: 1 })
      .lean();
    expect(after).to.deep.equal(before);
  });

  it('shows a finalised month read-only: hours as text, no search, add or save', async () => {
    const finalised = '2026-01';
    for (const [i, id] of people.slice(0, 4).entries()) {
      await Contribution.create({
        period: finalised,
        participantId: id,
        targetKind: 'product',
        targetId: goods[i % 2],
        weight: 150 * (i + 1),
      });
    }
    await StipendClaim.create({ _id: `${finalised}:finalised`, period: finalised, step: 'finalised' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/contributions?period=${finalised}`);
    expect(await page.locator('.contribution-grid input').count()).to.equal(0);
    expect(await page.locator('form[data-add-good], [data-grid-save]').count()).to.equal(0);
    const shown = await page.locator('.contribution-grid .grid-value').allTextContents();
    expect(shown.filter(Boolean)).to.have.members(['1,5', '3', '4,5', '6']);
    await page.screenshot({ path: `${SHOTS}/contributions-finalised.png`, fullPage: true });
  });
});
