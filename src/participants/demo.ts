import { listProductsForStaff } from '../catalog/queries.ts';
import { workdaysIn } from '../lib/workdays.ts';
import type { Actor } from './audit.ts';
import { currentPeriod, shiftPeriod } from './periods.ts';
import { issueLink } from './links.ts';
import { createParticipant } from './register.ts';
import { saveAttendance, saveContributions } from './work.ts';

/** Made-up people with made-up (checksum-valid) bank accounts: sample data only. */
const DEMO_PEOPLE = [
  {
    displayName: 'Aistė Vaitkutė',
    code: 'D-001',
    publicName: 'Aistė',
    iban: 'LT307300010000000001',
    days: 18,
  },
  {
    displayName: 'Mindaugas Rimkus',
    code: 'D-002',
    publicName: 'Mindaugas',
    iban: 'LT037300010000000002',
    days: 15,
  },
  { displayName: 'Laura Žukauskaitė', code: 'D-003', publicName: '', iban: 'LT437044060000000003', days: 12 },
  { displayName: 'Jonas Stankevičius', code: 'D-004', publicName: '', iban: 'LT467300010000000004', days: 8 },
  {
    displayName: 'Eglė Kazlauskaitė',
    code: 'D-006',
    publicName: 'Eglė',
    iban: 'LT897300010000000006',
    days: 16,
  },
  { displayName: 'Tomas Grigas', code: 'D-007', publicName: '', iban: 'LT327044060000000007', days: 10 },
] as const;

/**
 * Someone who joined this month and has not given a bank account yet: last month's payment file
 * does not need it, and the "without a bank account" lists have someone to show.
 */
const NEWCOMER = { displayName: 'Rūta Petraitytė', code: 'D-005', days: 4 };

const DEMO_ACTOR: Actor = { id: 'demo-seed', role: 'admin', name: 'Demo' };

/**
 * A few participants (two of them agree to be named with products), with attendance and work
 * contributions (in hours) on the first published goods in this and the previous month; this month
 * one of them has more days than the month's workdays, which the attendance page warns about.
 * Everyone paid for last month has a bank account, so its month-end runs through to the payment
 * file; a newcomer of this month has none.
 */
export async function seedDemoParticipants(): Promise<{ count: number; ownPageToken: string }> {
  const period = currentPeriod();
  const periods = [shiftPeriod(period, -1), period];
  const ids: string[] = [];
  for (const p of DEMO_PEOPLE) {
    const id = await createParticipant(
      {
        displayName: p.displayName,
        code: p.code,
        startDate: `${shiftPeriod(period, -6)}-01`,
        endDate: null,
        consentToName: p.publicName !== '',
        publicName: p.publicName,
        iban: p.iban,
        notes: '',
      },
      DEMO_ACTOR,
    );
    ids.push(id);
  }
  const goods = (
    await listProductsForStaff({ q: '', kind: 'good', status: 'published', page: 1 })
  ).items.slice(0, 4);
  for (const month of periods) {
    // Last month Aistė is recorded for two days more than the month's workdays: the slip the
    // stipend draft's check warns about before the month is finalised. This month the last person
    // has two days too many as well (the attendance page warns: the days are kept, the stipend
    // counts the workdays).
    const days = (i: number) =>
      (month === periods[0] && i === 0) || (month === period && i === DEMO_PEOPLE.length - 1)
        ? workdaysIn(month) + 2
        : DEMO_PEOPLE[i]!.days;
    await saveAttendance(month, new Map(ids.map((id, i) => [id, String(days(i))])), DEMO_ACTOR);
    const cells = goods.flatMap((good, g) =>
      ids
        .filter((_, i) => (i + g) % 3 !== 0)
        .map((id, i) => ({
          field: `w_${id}_product_${String(good._id)}`,
          participantId: id,
          kind: 'product',
          targetId: String(good._id),
          // Hours as typed on the grid: 4, 7,5 or 11,25.
          value: ['4', '7,5', '11,25'][(i + g) % 3]!,
        })),
    );
    await saveContributions(month, cells, DEMO_ACTOR);
  }
  const newcomer = await createParticipant(
    {
      displayName: NEWCOMER.displayName,
      code: NEWCOMER.code,
      startDate: `${period}-01`,
      endDate: null,
      consentToName: false,
      publicName: '',
      iban: null,
      notes: '',
    },
    DEMO_ACTOR,
  );
  await saveAttendance(period, new Map([[newcomer, String(NEWCOMER.days)]]), DEMO_ACTOR);
  // The first person's own page is switched on, so the demo can open it without printing a card.
  const ownPageToken = await issueLink(ids[0]!, DEMO_ACTOR);
  return { count: ids.length + 1, ownPageToken };
}
