/**
 * Staff notifications: who of the staff is e-mailed about which events (new orders, card payments,
 * business requests and answers to quotes, paid invoices, assignments), one e-mail per event or a
 * daily digest. Every e-mail goes through the mailer's outbox with a key per event and recipient,
 * so a repeated event never e-mails anyone twice, and a mail server that fails never fails the
 * order or request that caused it (the queue retries). E-mails link to the staff pages only.
 */
import { pino } from 'pino';
import { claimOnce } from '../db/once.ts';
import { vilniusDate } from '../lib/dates.ts';
import { brandingFromSettings } from '../mail/layout.ts';
import type { Mailer } from '../mail/mailer.ts';
import { listStaff, type Role, type StaffUserDoc } from '../staff/service.ts';
import { translate, type Lang } from '../web/i18n.ts';
import { composeEvent, GROUP_OF, renderStaffMail, type StaffEvent } from './compose.ts';
import { DigestItem, EVENT_GROUPS, NotificationPrefs, type EventGroup } from './model.ts';

export {
  STAFF_EVENT_KINDS,
  type EventParams,
  type OrderDetails,
  type StaffEvent,
  type StaffEventKind,
} from './compose.ts';
export { EVENT_GROUPS, type EventGroup } from './model.ts';
export { orderStaffEvent, staffOrderNotifier } from './orders.ts';

const logger = pino({ name: 'notifications' });

/** The outbox kind of a staff e-mail: `staff.` and the event (shown in words on the outbox page). */
export function staffMailKind(kind: StaffEvent['kind'] | 'digest'): string {
  return `staff.${kind}`;
}

export interface NotifyDeps {
  mailer: Mailer;
  publicUrl: string;
}

export interface StaffPrefs {
  groups: EventGroup[];
  digest: boolean;
  lang: Lang;
}

/** The groups each role may receive: the production master sees no orders, requests or payments. */
export const GROUPS_FOR_ROLE: Record<Role, readonly EventGroup[]> = {
  admin: EVENT_GROUPS,
  marketing: EVENT_GROUPS,
  master: [],
};

/** Until an administrator chooses: marketing gets orders and requests, admins payments. */
export function defaultPrefs(role: Role): StaffPrefs {
  const groups: EventGroup[] =
    role === 'marketing' ? ['orders', 'requests'] : role === 'admin' ? ['payments'] : [];
  return { groups, digest: false, lang: 'lt' };
}

export interface StaffWithPrefs {
  id: string;
  name: string;
  email: string;
  role: Role;
  prefs: StaffPrefs;
}

/** Every active staff member with what they are e-mailed about. */
export async function staffNotificationSettings(): Promise<StaffWithPrefs[]> {
  const staff = (await listStaff()).filter((s) => !s.disabledAt);
  const stored = await NotificationPrefs.find({ _id: { $in: staff.map((s) => String(s._id)) } }).lean();
  const byId = new Map(stored.map((p) => [p._id, p]));
  return staff.map((s: StaffUserDoc) => {
    const role = s.role as Role;
    const p = byId.get(String(s._id));
    const allowed = GROUPS_FOR_ROLE[role];
    return {
      id: String(s._id),
      name: s.name,
      email: s.email,
      role,
      prefs: p
        ? {
            groups: (p.groups as EventGroup[]).filter((g) => allowed.includes(g)),
            digest: Boolean(p.digest),
            lang: p.lang === 'en' ? 'en' : 'lt',
          }
        : defaultPrefs(role),
    };
  });
}

export interface NotificationChoice {
  staffId: string;
  prefs: StaffPrefs;
}

/** A settings change refused as a whole: nothing of it is stored. */
export class NotificationSettingsError extends Error {
  readonly messageKey: string;

  constructor(messageKey: string) {
    super(messageKey);
    this.messageKey = messageKey;
  }
}

/**
 * Stores each listed staff member's choice. Every id must be an active staff member, and a role may
 * only get the groups it can open; otherwise nothing is stored. One document per staff member.
 */
export async function saveNotificationSettings(choices: NotificationChoice[]): Promise<void> {
  const staff = new Map((await staffNotificationSettings()).map((s) => [s.id, s]));
  for (const c of choices) {
    const member = staff.get(c.staffId);
    if (!member) throw new NotificationSettingsError('notifications.errors.unknownStaff');
    if (c.prefs.groups.some((g) => !GROUPS_FOR_ROLE[member.role].includes(g)))
      throw new NotificationSettingsError('notifications.errors.noAccess');
  }
  for (const c of choices) {
    await NotificationPrefs.updateOne(
      { _id: c.staffId },
      { $set: { ...c.prefs, updatedAt: new Date() } },
      { upsert: true, runValidators: true },
    );
  }
}

/** Who hears of the event, with their language and delivery. */
async function recipientsOf(event: StaffEvent): Promise<StaffWithPrefs[]> {
  const staff = await staffNotificationSettings();
  const group = GROUP_OF[event.kind];
  if (group === null) return staff.filter((s) => s.id === event.assigneeId);
  return staff.filter((s) => s.prefs.groups.includes(group));
}

/**
 * Tells the staff of an event: each recipient gets an e-mail (keyed `staff.<kind>:<id>:<staff id>`)
 * or, in digest mode, an item of the day's digest (the same key). Never throws: the order or
 * request that caused the event has already happened.
 */
export async function notifyStaff(deps: NotifyDeps, event: StaffEvent, now = new Date()): Promise<void> {
  try {
    const recipients = await recipientsOf(event);
    const branding = recipients.length ? await brandingFromSettings(deps.publicUrl) : null;
    for (const r of recipients) {
      const key = `staff.${event.kind}:${event.id}:${r.id}`;
      const lang = r.prefs.lang;
      const c = composeEvent(event, lang, deps.publicUrl);
      if (r.prefs.digest) {
        await claimOnce(DigestItem, {
          _id: key,
          staffId: r.id,
          day: vilniusDate(now),
          kind: event.kind,
          title: c.subject,
          lines: [c.body, ...c.lines],
          url: c.url,
          at: now,
        });
        continue;
      }
      await deps.mailer.send({
        to: r.email,
        subject: c.subject,
        ...(await renderStaffMail(
          lang,
          r.name,
          '',
          [{ title: c.body, lines: c.lines, url: c.url }],
          branding!,
          c.subject,
        )),
        kind: staffMailKind(event.kind),
        lang,
        reference: event.reference,
        key,
      });
    }
  } catch (err) {
    logger.error({ err, kind: event.kind, reference: event.reference }, 'staff notification failed');
  }
}

/** How many past days the digest job looks back for a digest not yet queued (after an outage). */
export const DIGEST_LOOKBACK_DAYS = 7;

/**
 * The digest job: for every Vilnius day that has ended, each recipient with items gets one e-mail
 * listing them, keyed `staff.digest:<staff id>:<day>`, so however often the job runs (or on how many
 * instances) a day's digest is queued once. Returns how many digests it composed (a digest already queued is not queued again).
 */
export async function sendStaffDigests(deps: NotifyDeps, now = new Date()): Promise<number> {
  const today = vilniusDate(now);
  const since = vilniusDate(new Date(now.getTime() - DIGEST_LOOKBACK_DAYS * 24 * 3600_000));
  const items = await DigestItem.find({ day: { $gte: since, $lt: today } })
    .sort({ day: 1, staffId: 1, at: 1, _id: 1 })
    .lean();
  const staff = new Map((await staffNotificationSettings()).map((s) => [s.id, s]));
  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const k = `${item.staffId}:${item.day}`;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  let queued = 0;
  const branding = groups.size ? await brandingFromSettings(deps.publicUrl) : null;
  for (const [k, list] of groups) {
    const member = staff.get(list[0]!.staffId);
    if (!member) continue;
    const day = list[0]!.day;
    const lang = member.prefs.lang;
    const subject = translate(lang, 'staffMail.digest.subject', { date: day, count: list.length });
    await deps.mailer.send({
      to: member.email,
      subject,
      ...(await renderStaffMail(
        lang,
        member.name,
        translate(lang, 'staffMail.digest.intro', { date: day }),
        list.map((i) => ({ title: i.title, lines: i.lines, url: i.url })),
        branding!,
        subject,
      )),
      kind: staffMailKind('digest'),
      lang,
      reference: day,
      key: `staff.digest:${k}`,
    });
    queued += 1;
  }
  return queued;
}
