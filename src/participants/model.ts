import mongoose, { type InferSchemaType } from 'mongoose';

/** AES-256-GCM ciphertext with the id of the key that made it (see crypto.ts). */
const sealedSchema = new mongoose.Schema(
  {
    kid: { type: String, required: true },
    iv: { type: String, required: true },
    tag: { type: String, required: true },
    ct: { type: String, required: true },
  },
  { _id: false },
);

/**
 * A person taking part in the workshop. Dates are Vilnius calendar dates ("2026-03-15"), so a
 * period overlap is a string comparison. Bank account and notes are encrypted at rest.
 */
const participantSchema = new mongoose.Schema(
  {
    displayName: { type: String, required: true },
    /** Internal code, unique; `codeKey` is its case-folded form the unique index is on. */
    code: { type: String, required: true },
    codeKey: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, default: null },
    consentToName: { type: Boolean, default: false },
    publicName: { type: String, default: '' },
    iban: { type: sealedSchema, default: null },
    notes: { type: sealedSchema, default: null },
    searchText: { type: String, default: '' },
  },
  { timestamps: true, collection: 'participants' },
);
participantSchema.index({ codeKey: 1 }, { unique: true });
participantSchema.index({ startDate: 1, endDate: 1 });

export type ParticipantDoc = InferSchemaType<typeof participantSchema> & { _id: mongoose.Types.ObjectId };
export type SealedValue = InferSchemaType<typeof sealedSchema>;
export const Participant = mongoose.model('Participant', participantSchema);

/** Attendance days of one participant in one period: one document each, replaced on save. */
const attendanceSchema = new mongoose.Schema(
  {
    period: { type: String, required: true },
    participantId: { type: String, required: true },
    days: { type: Number, required: true, min: 0, max: 31 },
  },
  { timestamps: true, collection: 'participant_attendance' },
);
attendanceSchema.index({ period: 1, participantId: 1 }, { unique: true });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema> & { _id: mongoose.Types.ObjectId };
export const Attendance = mongoose.model('Attendance', attendanceSchema);

export const TARGET_KINDS = ['product', 'job'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Work of one participant on one product or service job in one period: one document per
 * (period, participant, target), replaced on save; a weight of 0 removes it.
 */
const contributionSchema = new mongoose.Schema(
  {
    period: { type: String, required: true },
    participantId: { type: String, required: true },
    targetKind: { type: String, enum: TARGET_KINDS, required: true },
    targetId: { type: String, required: true },
    weight: { type: Number, required: true, min: 0 },
  },
  { timestamps: true, collection: 'participant_contributions' },
);
contributionSchema.index({ period: 1, participantId: 1, targetKind: 1, targetId: 1 }, { unique: true });
contributionSchema.index({ targetKind: 1, targetId: 1 });

export type ContributionDoc = InferSchemaType<typeof contributionSchema> & { _id: mongoose.Types.ObjectId };
export const Contribution = mongoose.model('Contribution', contributionSchema);

/**
 * Who looked at or changed participants' personal data. Append-only; field names, never values.
 * `participantIds` holds every participant the action touched (a list page shows many).
 */
const auditSchema = new mongoose.Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, default: '' },
    actorRole: { type: String, required: true },
    action: { type: String, required: true },
    participantIds: { type: [String], default: [] },
    fields: { type: [String], default: [] },
    context: { type: String, default: '' },
  },
  { collection: 'participant_audit', versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ participantIds: 1, at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: mongoose.Types.ObjectId };
export const AuditEntry = mongoose.model('ParticipantAudit', auditSchema);

/**
 * A participant's own page link ("My work, my money"): `_id` is the SHA-256 of the token the card
 * carries, so the stored hash alone opens nothing; the token itself is kept sealed (crypto.ts) to
 * print the card again. One link per participant: renewing deletes the old one first, so the old
 * card stops working at once.
 */
const ownLinkSchema = new mongoose.Schema(
  {
    _id: { type: String },
    participantId: { type: String, required: true },
    token: { type: sealedSchema, required: true },
    issuedAt: { type: Date, required: true },
    issuedBy: { type: String, default: '' },
  },
  { collection: 'participant_links', versionKey: false },
);
ownLinkSchema.index({ participantId: 1 }, { unique: true });
export type OwnLinkDoc = InferSchemaType<typeof ownLinkSchema> & { _id: string };
export const OwnLink = mongoose.model('ParticipantLink', ownLinkSchema);

export const CONSENT_KINDS = ['name', 'photos'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * A consent given or withdrawn, with the date the participant said so and who recorded it.
 * Append-only; the participant's current choice is the latest record of each kind (and, for the
 * name, `consentToName` on the participant, which the public pages read).
 */
const consentSchema = new mongoose.Schema(
  {
    participantId: { type: String, required: true },
    kind: { type: String, enum: CONSENT_KINDS, required: true },
    given: { type: Boolean, required: true },
    /** The Vilnius date the participant gave or withdrew it. */
    on: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: String, default: '' },
  },
  { collection: 'participant_consents', versionKey: false },
);
consentSchema.index({ participantId: 1, at: -1 });
export type ConsentDoc = InferSchemaType<typeof consentSchema> & { _id: mongoose.Types.ObjectId };
export const Consent = mongoose.model('ParticipantConsent', consentSchema);
