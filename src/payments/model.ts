import mongoose from 'mongoose';

/** Each Stripe event id once; `processedAt` is set when its handling finished (else it is retried). */
const stripeEventSchema = new mongoose.Schema(
  {
    _id: { type: String },
    type: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
  },
  { collection: 'stripe_events', versionKey: false },
);

export const StripeEvent = mongoose.model('StripeEvent', stripeEventSchema);
