import type { Settings } from '../settings/service.ts';
import type { ServiceRequestDoc } from './model.ts';

/** A seller or buyer as quotes and invoices snapshot them. */
export interface Party {
  name: string;
  companyCode: string;
  vatCode: string;
  /** The street line. */
  address: string;
  city: string;
  postcode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  email: string;
  phone: string;
  iban: string;
  bankName: string;
  contactPerson: string;
}

/** The workshop as the seller, snapshotted on a quote or invoice. */
export function sellerOf(settings: Settings): Party {
  return {
    name: settings.legalName ?? '',
    companyCode: settings.companyCode ?? '',
    vatCode: settings.vatPayer ? (settings.vatCode ?? '') : '',
    address: settings.address ?? '',
    city: settings.city ?? '',
    postcode: settings.postcode ?? '',
    country: settings.country || 'LT',
    email: settings.email ?? '',
    phone: settings.phone ?? '',
    iban: settings.iban ?? '',
    bankName: settings.bankName ?? '',
    contactPerson: '',
  };
}

/** The business as the buyer, from its request. */
export function buyerOf(request: ServiceRequestDoc): Party {
  return {
    name: request.company!.name,
    companyCode: request.company!.code,
    vatCode: request.company!.vatCode ?? '',
    address: request.company!.address ?? '',
    city: request.company!.city ?? '',
    postcode: request.company!.postcode ?? '',
    country: request.company!.country || 'LT',
    email: request.contact!.email,
    phone: request.contact!.phone ?? '',
    iban: '',
    bankName: '',
    contactPerson: request.contact!.name,
  };
}

/** A shop order's buyer: the company details the customer (or staff) gave for a VAT invoice. */
export interface OrderBuyerInput {
  companyName: string;
  companyCode: string;
  vatCode: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
}

export function orderBuyerOf(
  request: OrderBuyerInput,
  customer: { name: string; email: string; phone: string },
): Party {
  return {
    name: request.companyName,
    companyCode: request.companyCode,
    vatCode: request.vatCode,
    address: request.address,
    city: request.city,
    postcode: request.postcode,
    country: request.country || 'LT',
    email: customer.email,
    phone: customer.phone,
    iban: '',
    bankName: '',
    contactPerson: customer.name,
  };
}

/**
 * What an invoice needs of its buyer (VAT Law art. 80: the buyer's name and address; the company
 * code as Lithuanian practice; a postcode for a Lithuanian address), as the form's field names
 * that are still empty.
 */
export const REQUIRED_BUYER_FIELDS = [
  'companyName',
  'companyCode',
  'address',
  'city',
  'postcode',
  'country',
] as const;
export type BuyerField = (typeof REQUIRED_BUYER_FIELDS)[number];

export function missingBuyerFields(buyer: Party): BuyerField[] {
  const value: Record<BuyerField, string> = {
    companyName: buyer.name,
    companyCode: buyer.companyCode,
    address: buyer.address,
    city: buyer.city,
    postcode: buyer.country === 'LT' ? buyer.postcode : 'n/a',
    country: buyer.country,
  };
  return REQUIRED_BUYER_FIELDS.filter((f) => !value[f]?.trim());
}

/**
 * The document's languages: Lithuanian, with English beside it when the buyer is abroad or its
 * contact writes in English (accounting documents between Lithuanian parties are in Lithuanian).
 */
export function documentLangs(
  buyerCountry: string,
  contactLang: string,
): { lang: 'lt'; second: 'en' | null } {
  return { lang: 'lt', second: buyerCountry !== 'LT' || contactLang === 'en' ? 'en' : null };
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** A party's address on one line: "Gedimino pr. 1, LT-01103 Vilnius, Lietuva" (the country in `lang`). */
export function postalAddress(
  p: { address?: string | null; city?: string | null; postcode?: string | null; country?: string | null },
  lang: 'lt' | 'en',
): string {
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang === 'lt' ? 'lt-LT' : 'en-IE'], { type: 'region' });
    regionNames.set(lang, names);
  }
  const country = p.country || 'LT';
  const place = [p.postcode ?? '', p.city ?? '']
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  const street = (p.address ?? '').trim();
  if (!street && !place) return '';
  let countryName = country;
  try {
    countryName = names.of(country) ?? country;
  } catch {
    // Not a region code Intl knows: printed as stored.
  }
  return [street, place, countryName].filter(Boolean).join(', ');
}
