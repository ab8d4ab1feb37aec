/**
 * SEPA credit transfer initiation (ISO 20022 pain.001.001.03), a pure generator.
 *
 * Character set: banks in Lithuania take the EPC "SEPA Latin" basic set (a–z, A–Z, 0–9 and
 * / - ? : ( ) . , ' + space) everywhere; several accept Lithuanian letters too, but not all, and a
 * refused file is worse than a plain name. So every text field is transliterated (Ą→A, Č→C, Ė→E,
 * Š→S, Ž→Z…, other accented letters lose their accents) and any character still outside the set
 * becomes a space. Then XML-escaped (the set has `'` only, but escaping is done regardless).
 */

export interface SepaParty {
  name: string;
  iban: string;
  /** Empty when unknown: the file then says NOTPROVIDED (IBAN-only SEPA). */
  bic?: string;
}

export interface SepaTransfer {
  endToEndId: string;
  amountCents: number;
  creditor: { name: string; iban: string | null };
}

export interface SepaBatch {
  messageId: string;
  /** PmtInfId of the one payment block; the message id when not given. */
  paymentInfoId?: string;
  createdAt: Date;
  /** YYYY-MM-DD */
  executionDate: string;
  debtor: { name: string; iban: string | null; bic?: string };
  /** Unstructured remittance text, e.g. "Stipendija 2026-10". */
  remittance: string;
  transfers: SepaTransfer[];
}

/** Why a payment file cannot be made; `who` names the creditor without an account. */
export class SepaError extends Error {
  readonly reason: 'noDebtorIban' | 'noCreditorIban' | 'badAmount' | 'noTransfers';
  readonly who: string;

  constructor(reason: SepaError['reason'], who = '') {
    super(who ? `${reason}: ${who}` : reason);
    this.name = 'SepaError';
    this.reason = reason;
    this.who = who;
  }
}

const LATIN_FOLD: Record<string, string> = { ł: 'l', Ł: 'L', ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O' };

/** Text in the SEPA Latin character set, at most `max` characters, spaces collapsed. */
export function sepaText(input: string, max: number): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁßæÆøØ]/g, (ch) => LATIN_FOLD[ch] ?? ch)
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** An identifier (MsgId, EndToEndId): letters, digits and - only, at most 35 characters. */
export function sepaId(input: string): string {
  return input.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 35);
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Cents as a decimal amount with two places, without floating point: 123456 → "1234.56". */
export function sepaAmount(cents: number | bigint): string {
  const c = BigInt(cents);
  if (c < 0n) throw new SepaError('badAmount');
  return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
}

function isoDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const IBAN_RE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC_RE = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

function el(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function text(name: string, value: string, max: number): string {
  return el(name, xmlEscape(sepaText(value, max)));
}

/**
 * The pain.001.001.03 document: one payment information block (transfer, SEPA service level,
 * charges shared) and one transaction per transfer. Refuses a debtor or creditor without an IBAN,
 * an amount that is not a positive whole number of cents, and an empty batch.
 */
export function sepaCreditTransfer(batch: SepaBatch): string {
  const debtorIban = (batch.debtor.iban ?? '').replace(/\s+/g, '').toUpperCase();
  if (!IBAN_RE.test(debtorIban)) throw new SepaError('noDebtorIban');
  if (batch.transfers.length === 0) throw new SepaError('noTransfers');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batch.executionDate))
    throw new RangeError('executionDate must be YYYY-MM-DD');
  let total = 0n;
  const txs: string[] = [];
  for (const t of batch.transfers) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0)
      throw new SepaError('badAmount', t.endToEndId);
    const iban = (t.creditor.iban ?? '').replace(/\s+/g, '').toUpperCase();
    if (!IBAN_RE.test(iban)) throw new SepaError('noCreditorIban', t.creditor.name);
    total += BigInt(t.amountCents);
    txs.push(
      el(
        'CdtTrfTxInf',
        el('PmtId', el('EndToEndId', xmlEscape(sepaId(t.endToEndId)))) +
          el('Amt', `<InstdAmt Ccy="EUR">${sepaAmount(t.amountCents)}</InstdAmt>`) +
          el('Cdtr', text('Nm', t.creditor.name, 70)) +
          el('CdtrAcct', el('Id', el('IBAN', iban))) +
          el('RmtInf', text('Ustrd', batch.remittance, 140)),
      ),
    );
  }
  const count = String(batch.transfers.length);
  const ctrlSum = sepaAmount(total);
  const bic = (batch.debtor.bic ?? '').replace(/\s+/g, '').toUpperCase();
  const agent = BIC_RE.test(bic) ? el('BIC', bic) : el('Othr', el('Id', 'NOTPROVIDED'));
  const msgId = xmlEscape(sepaId(batch.messageId));
  const pmtInfId = xmlEscape(sepaId(batch.paymentInfoId ?? batch.messageId));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el(
      'CstmrCdtTrfInitn',
      el(
        'GrpHdr',
        el('MsgId', msgId) +
          el('CreDtTm', isoDateTime(batch.createdAt)) +
          el('NbOfTxs', count) +
          el('CtrlSum', ctrlSum) +
          el('InitgPty', text('Nm', batch.debtor.name, 70)),
      ) +
        el(
          'PmtInf',
          el('PmtInfId', pmtInfId) +
            el('PmtMtd', 'TRF') +
            el('BtchBookg', 'true') +
            el('NbOfTxs', count) +
            el('CtrlSum', ctrlSum) +
            el('PmtTpInf', el('SvcLvl', el('Cd', 'SEPA'))) +
            el('ReqdExctnDt', xmlEscape(batch.executionDate)) +
            el('Dbtr', text('Nm', batch.debtor.name, 70)) +
            el('DbtrAcct', el('Id', el('IBAN', debtorIban))) +
            el('DbtrAgt', el('FinInstnId', agent)) +
            el('ChrgBr', 'SLEV') +
            txs.join(''),
        ),
    ) +
    '</Document>\n'
  );
}
