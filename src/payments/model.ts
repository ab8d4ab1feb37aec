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

/** The Checkout Sessions made for orders: which order a session pays, and the newest one to reuse. */
const checkoutSessionSchema = new mongoose.Schema(
  {
    _id: { type: String },
    orderId: { type: mongoose.Schema.Types.ObjectId, required: true },
    url: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'checkout_sessions', versionKey: false },
);
checkoutSessionSchema.index({ orderId: 1, createdAt: -1 });

export const CheckoutSession = mongoose.model('CheckoutSession', checkoutSessionSchema);
