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
  },
  { timestamps: true, collection: 'staff_users' },
);
staffUserSchema.index({ email: 1 }, { unique: true });

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema> & { _id: mongoose.Types.ObjectId };
export const StaffUser = mongoose.model('StaffUser', staffUserSchema);
