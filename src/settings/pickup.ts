/**
 * Pickup at the workshop: its opening hours (per weekday, one span or closed) and instructions in
 * both languages, kept in the organisation settings; the form's schema, and how the hours read
 * (consecutive days with the same hours grouped: "pirmadienis–penktadienis 9:00–16:00").
 */
import { z } from 'zod';
import { translate } from '../web/i18n.ts';
import type { Settings } from './model.ts';

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface PickupSpan {
  day: number;
  open: string;
  close: string;
}

const SPAN = /^(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?$/;

/** "9-16", "9:00–16:00" or "09.30 - 17.00" → ["09:00", "16:00"]; null when it is not a valid span. */
export function parseSpan(text: string): [string, string] | null {
  const m = SPAN.exec(text.trim());
  if (!m) return null;
  const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)];
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59 || h1 * 60 + m1 > 1440 || h2 * 60 + m2 > 1440) return null;
  if (h1 * 60 + m1 >= h2 * 60 + m2) return null;
  const hhmm = (h: number, min: number) => `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  return [hhmm(h1, m1), hhmm(h2, m2)];
}

/** A day's field: empty (closed) or a span "9:00–16:00". */
const daySpan = z
  .string()
  .trim()
  .max(20, 'pickup.errors.hours')
  .refine((v) => v === '' || parseSpan(v) !== null, 'pickup.errors.hours');

export const pickupForm = z
  .object({
    hours1: daySpan,
    hours2: daySpan,
    hours3: daySpan,
    hours4: daySpan,
    hours5: daySpan,
    hours6: daySpan,
    hours7: daySpan,
    // Every field is on the form: a body without them was not sent by it and stores nothing.
    instructionsLt: z.string().trim().max(600),
    instructionsEn: z.string().trim().max(600),
  })
  .superRefine((v, ctx) => {
    // Lithuanian is the shop's first language: an English text alone would leave it without one.
    if (v.instructionsEn && !v.instructionsLt)
      ctx.addIssue({
        code: 'custom',
        path: ['instructionsLt'],
        message: 'pickup.errors.instructionsLtFirst',
      });
  })
  .transform((v) => ({
    hours: WEEKDAYS.flatMap((day): PickupSpan[] => {
      const span = parseSpan(v[`hours${day}`]);
      return span ? [{ day, open: span[0], close: span[1] }] : [];
    }),
    instructions: { lt: v.instructionsLt, en: v.instructionsEn },
  }));
export type PickupInput = z.output<typeof pickupForm>;

/** The form's values from the stored settings. */
export function pickupFormValues(s: Settings): Record<string, string> {
  const values: Record<string, string> = {
    instructionsLt: s.pickupInstructions?.lt ?? '',
    instructionsEn: s.pickupInstructions?.en ?? '',
  };
  for (const day of WEEKDAYS) {
    const span = s.pickupHours?.find((h) => h.day === day);
    values[`hours${day}`] = span ? `${span.open}–${span.close}` : '';
  }
  return values;
}

/** Days from `from` to `to` (the same when one day) open at the same hours. */
export interface HoursLine {
  from: number;
  to: number | null;
  open: string;
  close: string;
}

/** What pages and e-mails show about pickup; null when nothing is set. */
export interface PickupInfo {
  hours: HoursLine[];
  instructions: string;
  address: string;
}

/** "9:00" rather than "09:00", as Lithuanian and English write hours. */
const short = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

export function pickupInfo(
  s: Pick<Settings, 'pickupHours' | 'pickupInstructions' | 'address'> | null | undefined,
  lang: 'lt' | 'en',
): PickupInfo | null {
  if (!s) return null;
  const spans = [...(s.pickupHours ?? [])].sort((a, b) => (a.day ?? 0) - (b.day ?? 0));
  const hours: HoursLine[] = [];
  for (const span of spans) {
    const last = hours.at(-1);
    const day = span.day ?? 0;
    if (
      last &&
      (last.to ?? last.from) === day - 1 &&
      last.open === short(span.open ?? '') &&
      last.close === short(span.close ?? '')
    )
      last.to = day;
    else hours.push({ from: day, to: null, open: short(span.open ?? ''), close: short(span.close ?? '') });
  }
  const instructions = (lang === 'en' && s.pickupInstructions?.en) || s.pickupInstructions?.lt || '';
  if (hours.length === 0 && !instructions) return null;
  return { hours, instructions, address: s.address ?? '' };
}

/** The opening hours in one line of words, for e-mails: "pirmadienis–penktadienis 9:00–16:00; šeštadienis 10:00–14:00". */
export function pickupHoursText(info: PickupInfo | null, lang: 'lt' | 'en'): string {
  const day = (n: number) => translate(lang, `pickup.day.${n}`);
  return (info?.hours ?? [])
    .map((h) => `${day(h.from)}${h.to ? `–${day(h.to)}` : ''} ${h.open}–${h.close}`)
    .join('; ');
}
