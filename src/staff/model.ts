import mongoose, { type InferSchemaType } from 'mongoose';

export const ROLES = ['admin', 'marketing', 'master'] as const;
export type Role = (typeof ROLES)[number];

const staffUserSchema = new mongoose.Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    passwordHash: { type: String, required: true },
    mustChangePassword: { type: Boolean, default: false },
    disabledAt: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: () => new Date() },
    /** Sessions that signed in before this moment are ended (set when the role changes). */
    sessionsEndedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'staff_users' },
);
staffUserSchema.index({ email: 1 }, { unique: true });

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema> & { _id: mongoose.Types.ObjectId };
export const StaffUser = mongoose.model('StaffUser', staffUserSchema);

/** What an entry of an account's history records (each shown in words: `staff.history.<action>`). */
export const STAFF_AUDIT_ACTIONS = ['updated', 'disabled', 'enabled', 'password-reset'] as const;

/** Who changed a staff account, when, and what: one document per change, never rewritten. */
const staffAuditSchema = new mongoose.Schema(
  {
    staffId: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    by: { type: String, required: true },
    byName: { type: String, required: true },
    action: { type: String, enum: STAFF_AUDIT_ACTIONS, required: true },
    changes: {
      type: [{ _id: false, field: String, from: String, to: String }],
      default: [],
    },
    sessionsEnded: { type: Number, default: 0 },
  },
  { collection: 'staff_audit', versionKey: false },
);
staffAuditSchema.index({ staffId: 1, at: -1 });

export type StaffAuditDoc = InferSchemaType<typeof staffAuditSchema> & { _id: mongoose.Types.ObjectId };
export const StaffAudit = mongoose.model('StaffAudit', staffAuditSchema);
