import type { Actor } from '../../src/participants/service.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { saveAttendance } from '../../src/participants/work.ts';

/** The IBAN the month-end tests give a participant unless they say otherwise. */
export const TEST_IBAN = 'LT121000011101001000';

/**
 * The stipend tests' two participants, Ona Žukauskienė (A-1) and Jonas Ąžuolas (B-2), with 18 and 9
 * attendance days in each of `periods`; their ids in that order.
 */
export async function onaAndJonas(
  actor: Actor,
  periods: string[],
  ibans: [string, string] = [TEST_IBAN, TEST_IBAN],
): Promise<[string, string]> {
  const people: string[] = [];
  for (const [i, [displayName, code]] of (
    [
      ['Ona Žukauskienė', 'A-1'],
      ['Jonas Ąžuolas', 'B-2'],
    ] as const
  ).entries()) {
    people.push(
      await createParticipant(
        {
          displayName,
          code,
          startDate: '2020-01-01',
          endDate: null,
          consentToName: false,
          publicName: '',
          iban: ibans[i]!,
        },
        actor,
      ),
    );
  }
  for (const period of periods)
    await saveAttendance(
      period,
      new Map([
        [people[0]!, '18'],
        [people[1]!, '9'],
      ]),
      actor,
    );
  return [people[0]!, people[1]!];
}
