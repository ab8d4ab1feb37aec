/**
 * The pieces of a UBL 2.1 document (EN 16931, Peppol BIS Billing 3.0): amounts, parties, VAT
 * categories and lines. ubl.ts puts them together in the order the UBL schema requires.
 */
import { vatPrefixOf } from '../lib/vat-codes.ts';
import type { DocLine, InvoiceDoc } from './model.ts';

export type Party = NonNullable<InvoiceDoc['seller']>;

/** Characters XML 1.0 allows (tab, newline, carriage return and everything from the space up). */
function isXmlChar(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code === 0x9 || code === 0xa || code === 0xd || code >= 0x20;
}

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/./gu, (c) => (isXmlChar(c) ? c : ''));
}

/** An element with text, or nothing when the text is empty (Peppol forbids empty elements). */
export function el(name: string, text: string | undefined | null, attrs = ''): string {
  const value = (text ?? '').trim();
  return value === '' ? '' : `<${name}${attrs}>${esc(value)}</${name}>`;
}

/** Cents as a decimal amount with two decimals: 123456 → "1234.56", -5 → "-0.05". */
export function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function eur(name: string, cents: number): string {
  return `<${name} currencyID="EUR">${amount(cents)}</${name}>`;
}

/** A rate in basis points as a percentage: 2100 → "21", 950 → "9.5". */
export function percent(bps: number): string {
  return String(bps / 100);
}

/**
 * Peppol electronic address schemes (EAS) for EU VAT numbers, by the number's country: a foreign
 * business is addressed by its VAT number.
 */
const VAT_EAS: Record<string, string> = {
  AT: '9914',
  BE: '9925',
  BG: '9926',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  EL: '9933',
  GR: '9933',
  HR: '9934',
  IE: '9935',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  SI: '9949',
  SK: '9950',
  FR: '9957',
  ES: '9920',
  IT: '0211',
  HU: '9910',
  FI: '0213',
};

/**
 * The electronic address (BT-34/BT-49) of a party. A Lithuanian legal entity is addressed by its
 * company code in the Peppol scheme 0200 (Legal entity code, Lithuania), as E. sąskaita does (9939,
 * which looks similar, is the Latvian VAT number's scheme); a foreign business by its EU VAT number
 * in its country's scheme. A party with neither gets no address, and Peppol will not take the file.
 */
export function endpoint(p: Party): string {
  const code = (p.companyCode ?? '').trim();
  const country = (p.country || 'LT').toUpperCase();
  if (country === 'LT' && /^\d{7,9}$/.test(code)) return el('cbc:EndpointID', code, ' schemeID="0200"');
  const vat = vatId(p.vatCode ?? '', country);
  const scheme = VAT_EAS[vat.slice(0, 2)];
  return scheme ? el('cbc:EndpointID', vat, ` schemeID="${scheme}"`) : '';
}

/** VAT category of the document: O when the seller is not a VAT payer; S, or E/Z at 0 %. */
export type VatCategory = 'S' | 'Z' | 'E' | 'O';

export function categoryOf(invoice: InvoiceDoc, vatRateBps: number): VatCategory {
  if (!invoice.sellerVatPayer) return 'O';
  if (vatRateBps > 0) return 'S';
  return invoice.vatExemptionReason ? 'E' : 'Z';
}

/** A VAT identifier always carries its country prefix (BR-CO-9). */
function vatId(code: string, country: string): string {
  const c = code.replace(/\s+/g, '').toUpperCase();
  if (c === '') return '';
  return /^[A-Z]{2}/.test(c) ? c : `${vatPrefixOf(country)}${c}`;
}

export function party(p: Party, opts: { withVat: boolean; contact: boolean }): string {
  const country = (p.country || 'LT').toUpperCase();
  const vat = opts.withVat ? vatId(p.vatCode ?? '', country) : '';
  const companyCode = (p.companyCode ?? '').trim();
  const contact = opts.contact
    ? el('cbc:Name', p.contactPerson) + el('cbc:Telephone', p.phone) + el('cbc:ElectronicMail', p.email)
    : '';
  return [
    '<cac:Party>',
    endpoint(p),
    el('cbc:Name', p.name) ? `<cac:PartyName>${el('cbc:Name', p.name)}</cac:PartyName>` : '',
    '<cac:PostalAddress>',
    el('cbc:StreetName', p.address),
    el('cbc:CityName', p.city),
    el('cbc:PostalZone', p.postcode),
    `<cac:Country>${el('cbc:IdentificationCode', country)}</cac:Country>`,
    '</cac:PostalAddress>',
    vat
      ? `<cac:PartyTaxScheme>${el('cbc:CompanyID', vat)}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`
      : '',
    '<cac:PartyLegalEntity>',
    el('cbc:RegistrationName', p.name),
    country === 'LT' && /^\d{7,9}$/.test(companyCode)
      ? el('cbc:CompanyID', companyCode, ' schemeID="0200"')
      : el('cbc:CompanyID', companyCode),
    '</cac:PartyLegalEntity>',
    contact ? `<cac:Contact>${contact}</cac:Contact>` : '',
    '</cac:Party>',
  ].join('');
}

/** The standard text and VATEX code of a category that charges no VAT. */
export function exemption(invoice: InvoiceDoc, category: VatCategory): string {
  const reason = (invoice.vatExemptionReason ?? '').trim();
  if (category === 'O') {
    return (
      el('cbc:TaxExemptionReasonCode', 'VATEX-EU-O') +
      el('cbc:TaxExemptionReason', reason || 'Not subject to VAT: the seller is not a VAT payer')
    );
  }
  if (category === 'E') return el('cbc:TaxExemptionReason', reason);
  return '';
}

export function taxCategory(
  tag: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory',
  category: VatCategory,
  vatRateBps: number,
  reasons: string,
): string {
  return [
    `<${tag}>`,
    `<cbc:ID>${category}</cbc:ID>`,
    category === 'O' ? '' : `<cbc:Percent>${percent(vatRateBps)}</cbc:Percent>`,
    reasons,
    '<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>',
    `</${tag}>`,
  ].join('');
}

/**
 * A line as the receiver reads it: positive quantity and price on an invoice and on a credit note
 * alike (a credit note's stored lines are negative). The line net is quantity × price less the
 * line's discount (BT-136); a part credit (one line of the amount taken back) is one unit at its net.
 */
export interface UblLine {
  id: string;
  name: string;
  quantity: string;
  unit: string;
  priceCents: number;
  allowanceCents: number;
  netCents: number;
  vatCents: number;
  vatRateBps: number;
}

export function ublLine(line: DocLine, index: number, sign: 1 | -1): UblLine {
  const quantity = Math.abs(line.quantity);
  const price = Math.abs(line.unitNetCents);
  const net = sign * line.netCents;
  let allowance = Math.round(quantity * price) - net;
  let priceCents = price;
  let qty = quantity;
  if (allowance < 0 || quantity === 0) {
    // Not quantity × price less a discount (a part credit): one unit at the line's net.
    qty = 1;
    priceCents = net;
    allowance = 0;
  }
  return {
    id: String(index + 1),
    name: line.description,
    quantity: String(qty),
    unit: line.unit || 'H87',
    priceCents,
    allowanceCents: allowance,
    netCents: net,
    vatCents: sign * line.vatCents,
    vatRateBps: line.vatRateBps,
  };
}

export function lineXml(kind: 'invoice' | 'credit_note', l: UblLine, category: VatCategory): string {
  const tag = kind === 'invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  const qtyTag = kind === 'invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  return [
    `<${tag}>`,
    `<cbc:ID>${l.id}</cbc:ID>`,
    `<${qtyTag} unitCode="${esc(l.unit)}">${l.quantity}</${qtyTag}>`,
    eur('cbc:LineExtensionAmount', l.netCents),
    l.allowanceCents > 0
      ? '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>' +
        '<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>' +
        '<cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason>' +
        `${eur('cbc:Amount', l.allowanceCents)}</cac:AllowanceCharge>`
      : '',
    '<cac:Item>',
    el('cbc:Name', l.name.length > 200 ? l.name.slice(0, 200) : l.name),
    taxCategory('cac:ClassifiedTaxCategory', category, l.vatRateBps, ''),
    '</cac:Item>',
    `<cac:Price>${eur('cbc:PriceAmount', l.priceCents)}</cac:Price>`,
    `</${tag}>`,
  ].join('');
}
