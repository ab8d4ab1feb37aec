import type { Lang } from '../web/i18n.ts';

/** The data the PDF documents print; callers localize nothing but free text they own. */
export interface PartyDetails {
  name: string;
  companyCode: string;
  /** Empty when not a VAT payer. */
  vatCode: string;
  /** The whole postal address on one line (street, postcode and city, country). */
  address: string;
  email?: string;
  phone?: string;
  /** Seller only: where to pay. */
  iban?: string;
  bankName?: string;
  /** Buyer only: the person the business named. */
  contactPerson?: string;
}

export interface DocumentLine {
  description: string;
  /** Whole units (negative on a credit note). */
  quantity: number;
  /** UN/ECE Recommendation 20 code (H87, HUR, DAY, KGM, MTR, SET); printed by its abbreviation. */
  unit: string;
  unitNetCents: number;
  /** Cents off quantity × unit price (0: none; the column is printed only when a line has one). */
  discountCents: number;
  vatRateBps: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface VatBreakdownRow {
  vatRateBps: number;
  netCents: number;
  vatCents: number;
}

export interface DocumentTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface QuotePdfData {
  lang: Lang;
  /** A second language printed beside the first (labels only), or null. */
  second?: Lang | null;
  /** The request's reference, e.g. `P-2026-00012`. */
  reference: string;
  version: number;
  issuedOn: string;
  /** Calendar date YYYY-MM-DD (Vilnius). */
  validUntil: string;
  leadTimeDays: number;
  terms: string;
  seller: PartyDetails;
  buyer: PartyDetails;
  lines: DocumentLine[];
  vatBreakdown: VatBreakdownRow[];
  totals: DocumentTotals;
  /** The private page where the business accepts or declines. */
  acceptUrl: string;
}

export interface InvoicePdfData {
  lang: Lang;
  /** A second language printed beside the first (labels only), or null. */
  second?: Lang | null;
  kind: 'invoice' | 'credit_note';
  /** Series and number as printed, e.g. `DRB` and `000042`. */
  series: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  /** The date of supply when it differs from the issue date, else ''. */
  supplyDate: string;
  /** Who issued the document (a staff member's name). */
  issuedBy: string;
  /** A shop order's number when the invoice is for one. */
  orderNumber?: string;
  /** The legal basis of charging no VAT when the seller is a VAT payer ('' when none). */
  vatExemptionReason: string;
  /** Credit note: the invoice it corrects (`DRB 000041`) and why. */
  correctsInvoice?: string;
  reason?: string;
  /** Whether the seller charges VAT (Lithuanian invoices say "PVM sąskaita faktūra" only then). */
  sellerVatPayer: boolean;
  seller: PartyDetails;
  buyer: PartyDetails;
  lines: DocumentLine[];
  vatBreakdown: VatBreakdownRow[];
  totals: DocumentTotals;
  /** What the payer writes in the transfer's purpose. */
  paymentReference: string;
}

/** One participant's easy-read statement: every text already in the reader's language, printed as given. */
export interface StatementPage {
  heading: string;
  month: string;
  youGet: string;
  /** The one amount, formatted. */
  amount: string;
  days: string;
  /** Over the things bought; null when nothing the person made was sold. */
  madeHeading: string | null;
  /** A product has its photo (JPEG or PNG) when it has one; a job is drawn as an icon. */
  items: { kind: 'product' | 'job'; label: string; photo: Buffer | null }[];
  more: string | null;
  nothingSold: string | null;
  howHeading: string;
  how: string;
  questions: string;
  from: string;
}

/** Statements to print, one A4 page each. */
export interface StatementPdfData {
  lang: Lang;
  /** The document's title (metadata). */
  title: string;
  organisationName: string;
  statements: StatementPage[];
}

/** One order's packing slip: what to pack and where it goes, no prices. */
export interface PackingSlip {
  number: string;
  /** The order's date, already in words. */
  placedOn: string;
  customerName: string;
  phone: string;
  /** Pickup, or the courier address or parcel locker, one item a line. */
  deliveryLabel: string;
  deliveryLines: string[];
  note: string;
  lines: { title: string; sku: string; quantity: number }[];
  units: number;
}

export interface PackingSlipsPdfData {
  lang: Lang;
  organisationName: string;
  slips: PackingSlip[];
}
