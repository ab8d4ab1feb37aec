import { createHash, randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from '../db/errors.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { recordAudit, type Actor } from './audit.ts';
import { open, seal } from './crypto.ts';
import { OwnLink, Participant, type ParticipantDoc } from './model.ts';

/** 18 random bytes: 144 bits, 24 characters of base64url — short enough to type from a card. */
const TOKEN_BYTES = 18;
export const TOKEN_RE = /^[A-Za-z0-9_-]{24}$/;

/** The path of a participant's own page; the link on the card is the public address before it. */
export const ownPagePath = (token: string) => `/p/${token}`;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Staff who may print cards and manage the links: administrators and the production master. */
export function canManageLinks(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'master';
}

async function participantOf(id: string): Promise<ParticipantDoc> {
  const p = await participantForCard(id);
  if (!p) throw new NotFoundError();
  return p;
}

/**
 * Issues a new link for the participant, replacing any earlier one: the old token is deleted before
 * the new one is stored, so an old card stops working at once. Returns the new token.
 */
export async function issueLink(participantId: string, actor: Actor, now = new Date()): Promise<string> {
  if (!canManageLinks(actor)) throw new ForbiddenError();
  const p = await participantOf(participantId);
  const id = String(p._id);
  for (let attempt = 0; ; attempt++) {
    await OwnLink.deleteMany({ participantId: id });
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    try {
      await OwnLink.create({
        _id: hashOf(token),
        participantId: id,
        token: seal(token, id),
        issuedAt: now,
        issuedBy: actor.name ?? actor.id,
      });
      await recordAudit({ actor, action: 'link', participantIds: [id], fields: ['ownPage'] });
      return token;
    } catch (err) {
      // Another renewal at the same moment stored its link first: replace that one too.
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}

/** Switches the participant's page off: the link is deleted and the card opens nothing. */
export async function switchOffLink(participantId: string, actor: Actor): Promise<void> {
  if (!canManageLinks(actor)) throw new ForbiddenError();
  const p = await participantOf(participantId);
  const { deletedCount } = await OwnLink.deleteMany({ participantId: String(p._id) });
  if (deletedCount > 0)
    await recordAudit({ actor, action: 'linkOff', participantIds: [String(p._id)], fields: ['ownPage'] });
}

export interface LinkState {
  issuedAt: Date;
  issuedBy: string;
}

/** Whether the participant has a working link, and since when (never the token). */
export async function linkState(participantId: string): Promise<LinkState | null> {
  const link = await OwnLink.findOne({ participantId }, { issuedAt: 1, issuedBy: 1 }).lean();
  return link ? { issuedAt: link.issuedAt, issuedBy: link.issuedBy ?? '' } : null;
}

/**
 * The tokens of these participants for their cards: a participant without a link gets one now.
 * Only staff who may manage links.
 */
export async function tokensForCards(ids: string[], actor: Actor): Promise<Map<string, string>> {
  if (!canManageLinks(actor)) throw new ForbiddenError();
  const links = await OwnLink.find({ participantId: { $in: ids } }).lean();
  const tokens = new Map(links.map((l) => [l.participantId, open(l.token, l.participantId)]));
  for (const id of ids) if (!tokens.has(id)) tokens.set(id, await issueLink(id, actor));
  return tokens;
}

/** The participant a token opens, or null (malformed, renewed, switched off or never issued). */
export async function participantByToken(token: string): Promise<ParticipantDoc | null> {
  if (!TOKEN_RE.test(token)) return null;
  const link = await OwnLink.findById(hashOf(token)).lean();
  if (!link) return null;
  return Participant.findById(link.participantId).lean<ParticipantDoc>();
}

/** The people a card sheet is printed for: everyone taking part today, by name. */
export async function participantsForCards(today: string): Promise<ParticipantDoc[]> {
  return Participant.find({
    startDate: { $lte: today },
    $or: [{ endDate: null }, { endDate: { $gte: today } }],
  })
    .sort({ displayName: 1 })
    .lean<ParticipantDoc[]>();
}

/** One participant for a card or the staff page's own-page section, or null. */
export async function participantForCard(id: string): Promise<ParticipantDoc | null> {
  return /^[a-f0-9]{24}$/.test(id) ? Participant.findById(id).lean<ParticipantDoc>() : null;
}
