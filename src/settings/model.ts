import mongoose, { type InferSchemaType } from 'mongoose';
import { localizedText } from '../db/localized.ts';

/** One document per installation (`_id: 'organisation'`): the workshop's legal and contact details. */
const settingsSchema = new mongoose.Schema(
  {
    _id: { type: String, default: 'organisation' },
    displayName: { type: String, required: true },
    legalName: { type: String, required: true },
    companyCode: { type: String, default: '' },
    vatPayer: { type: Boolean, default: false },
    vatCode: { type: String, default: '' },
    /** The street line; city, postcode and country (ISO 3166-1 alpha-2) beside it, as invoices print them. */
    address: { type: String, default: '' },
    city: { type: String, default: '' },
    postcode: { type: String, default: '' },
    country: { type: String, default: 'LT' },
    email: { type: String, default: '' },
    phone: { type: String, default: '' },
    iban: { type: String, default: '' },
    bankName: { type: String, default: '' },
    /** The organisation's bank (BIC, 8 or 11 characters): the debtor agent of the SEPA payment file. */
    bic: { type: String, default: '' },
    /** Stipends are asked to be paid this many Lithuanian working days after the payment file is made. */
    paymentWorkdays: { type: Number, default: 1, min: 0, max: 10 },
    pricesIncludeVat: { type: Boolean, default: true },
    defaultVatRateBps: { type: Number, default: 2100 },
    about: localizedText,
    courierFeeCents: { type: Number, default: 499, min: 0 },
    parcelLockerFeeCents: { type: Number, default: 299, min: 0 },
    transferDueDays: { type: Number, default: 7, min: 1 },
    /** Business service invoices: series, days to pay, and how long a quote is valid by default. */
    invoiceSeries: { type: String, default: 'DRB' },
    invoiceDueDays: { type: Number, default: 14, min: 1 },
    quoteValidityDays: { type: Number, default: 30, min: 1 },
    /** Pickup at the workshop (pickup.ts): opening hours per ISO weekday (none: closed) and instructions. */
    pickupHours: {
      type: [new mongoose.Schema({ day: Number, open: String, close: String }, { _id: false })],
      default: [],
    },
    pickupInstructions: localizedText,
    /** The workshop's logo (a storage key, `branding/<name>.webp`), shown atop e-mails; '' for none. */
    logoKey: { type: String, default: '' },
  },
  { timestamps: true, collection: 'settings' },
);

export type Settings = InferSchemaType<typeof settingsSchema>;
export const SettingsModel = mongoose.model('Settings', settingsSchema);
