import { FieldError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { vilniusDate } from '../lib/dates.ts';
import { noteMakersChanged } from '../catalog/service.ts';
import { recordAudit, type Actor } from './audit.ts';
import { goodsWorkedOnBy } from './register.ts';
export { CONSENT_KINDS } from './model.ts';
import { Consent, CONSENT_KINDS, Participant, type ConsentKind, type ParticipantDoc } from './model.ts';

/**
 * The participant's consents (GDPR art. 9 data: recorded, dated, revocable): to be named with the
 * goods they make (`name`, which the public pages read through `consentToName`) and to appear in
 * the workshop's photos (`photos`). Staff record each change with the date the participant said so.
 */

export interface ConsentState {
  given: boolean;
  /** The date it was given or withdrawn, or null when only the register's checkbox says so. */
  on: string | null;
}

export interface ConsentRecord {
  kind: ConsentKind;
  given: boolean;
  on: string;
  by: string;
}

export function canRecordConsent(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'master';
}

/** The current choice of each kind: the latest record, else the register's checkbox (name) or no. */
export async function currentConsents(p: ParticipantDoc): Promise<Record<ConsentKind, ConsentState>> {
  const records = await Consent.find({ participantId: String(p._id) })
    .sort({ at: -1 })
    .lean();
  const latest = (kind: ConsentKind) => records.find((r) => r.kind === kind);
  const name = latest('name');
  const photos = latest('photos');
  return {
    name: { given: p.consentToName, on: name && name.given === p.consentToName ? name.on : null },
    photos: { given: photos?.given ?? false, on: photos?.on ?? null },
  };
}

export async function consentHistory(participantId: string): Promise<ConsentRecord[]> {
  const records = await Consent.find({ participantId }).sort({ at: -1 }).lean();
  return records.map((r) => ({ kind: r.kind as ConsentKind, given: r.given, on: r.on, by: r.by ?? '' }));
}

/**
 * Records a consent given or withdrawn on a date. Withdrawing the name consent takes the name off
 * the public pages at once (they read `consentToName`); giving it needs the public name to be set.
 */
export async function recordConsent(
  participantId: string,
  change: { kind: ConsentKind; given: boolean; on: string },
  actor: Actor,
  now = new Date(),
): Promise<void> {
  if (!canRecordConsent(actor)) throw new ForbiddenError();
  if (!(CONSENT_KINDS as readonly string[]).includes(change.kind)) throw new NotFoundError();
  const p = /^[a-f0-9]{24}$/.test(participantId)
    ? await Participant.findById(participantId).lean<ParticipantDoc>()
    : null;
  if (!p) throw new NotFoundError();
  if (change.on > vilniusDate(now)) throw new FieldError('on', 'consent.errors.future');
  if (change.kind === 'name') {
    if (change.given && !p.publicName.trim()) throw new FieldError('given', 'consent.errors.publicName');
    if (p.consentToName !== change.given) {
      await Participant.updateOne({ _id: p._id }, { $set: { consentToName: change.given } });
      // The public pages follow through the catalogue's change log: the name leaves them within a second.
      await noteMakersChanged(await goodsWorkedOnBy(String(p._id)));
    }
  }
  await Consent.create({
    participantId: String(p._id),
    kind: change.kind,
    given: change.given,
    on: change.on,
    at: now,
    by: actor.name ?? actor.id,
  });
  await recordAudit({
    actor,
    action: 'consent',
    participantIds: [String(p._id)],
    fields: [change.kind === 'name' ? 'consentToName' : 'consentToPhotos'],
  });
}

/** The register's checkbox changed the name consent: the change is kept with today's date. */
export async function noteNameConsentChanged(
  participantId: string,
  given: boolean,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  await Consent.create({
    participantId,
    kind: 'name',
    given,
    on: vilniusDate(now),
    at: now,
    by: actor.name ?? actor.id,
  });
}
