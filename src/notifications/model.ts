import mongoose, { type InferSchemaType } from 'mongoose';

/** The groups of events a staff member can be told about (job assignments always go to the assignee). */
export const EVENT_GROUPS = ['orders', 'requests', 'payments'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/**
 * What one staff member is e-mailed about, `_id` = the staff account's id. Without a document the
 * role's defaults apply (see `defaultPrefs`): marketing gets orders and requests, admins payments.
 */
const prefsSchema = new mongoose.Schema(
  {
    _id: { type: String },
    groups: { type: [{ type: String, enum: EVENT_GROUPS }], default: [] },
    /** One e-mail a day listing the day's events instead of one e-mail per event. */
    digest: { type: Boolean, default: false },
    lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'staff_notification_prefs', versionKey: false },
);

export type NotificationPrefsDoc = InferSchemaType<typeof prefsSchema> & { _id: string };
export const NotificationPrefs = mongoose.model('NotificationPrefs', prefsSchema);

/**
 * An event waiting for a recipient's daily digest, `_id` = `<event key>:<staff id>`: inserting it is
 * the once-only decision, so a repeated event is listed once. `day` is the Vilnius date it happened.
 */
const digestItemSchema = new mongoose.Schema(
  {
    _id: { type: String },
    staffId: { type: String, required: true },
    day: { type: String, required: true },
    kind: { type: String, required: true },
    /** The event's one-line summary and details, in the recipient's language. */
    title: { type: String, required: true },
    lines: { type: [String], default: [] },
    url: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'staff_digest_items', versionKey: false },
);
digestItemSchema.index({ day: 1, staffId: 1, at: 1 });

export type DigestItemDoc = InferSchemaType<typeof digestItemSchema> & { _id: string };
export const DigestItem = mongoose.model('DigestItem', digestItemSchema);
