/**
 * The SEPA payment file of a finalised month, issued once: the first download inserts issue 1
 * (`stipend_payment_files`), every later download gives the same file (the same message id, creation
 * time and bytes) and is recorded (`stipend_payment_downloads`); only an administrator's re-issue,
 * with a reason, makes a new file (issue n + 1, a new message id). See `sepa-model.ts`.
 */
import { randomBytes } from 'node:crypto';
import { claimOnce } from '../db/once.ts';
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError, DomainError } from '../lib/errors.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';
import { paymentDetails, type Actor } from '../participants/service.ts';
import { getSettings, type Settings } from '../settings/service.ts';
import { executionDate } from './sepa-dates.ts';
import { PaymentDownload, PaymentFile, type PaymentFileDoc, type PaymentFileRecord } from './sepa-model.ts';
import { SepaError, sepaCreditTransfer, sepaId } from './sepa.ts';
import { requireFinalised, type Finalised } from './service.ts';

/** Something the payment file needs and does not have; the refusal page links to where it is fixed. */
export type Missing =
  | { what: 'orgName' | 'orgIban' | 'orgBic' }
  | { what: 'participantIban'; participantId: string; name: string };

/** The payment file cannot be made until `missing` is filled in (answered 409 with a page). */
export class PaymentFileMissing extends DomainError {
  readonly missing: Missing[];

  constructor(missing: Missing[]) {
    super(409, 'sepa.missing.title');
    this.missing = missing;
  }
}

type Staff = Actor & { name: string };
type Details = Awaited<ReturnType<typeof paymentDetails>>;
type IssueFields = PaymentFileRecord;

function organisationMissing(s: Settings): Missing[] {
  const missing: Missing[] = [];
  if (!s.legalName?.trim()) missing.push({ what: 'orgName' });
  if (!s.iban) missing.push({ what: 'orgIban' });
  if (!s.bic) missing.push({ what: 'orgBic' });
  return missing;
}

function participantsMissing(details: Details): Missing[] {
  return details
    .filter((d) => !d.iban)
    .map((d) => ({ what: 'participantIban', participantId: d.id, name: d.displayName }));
}

/** The accounts as one text, in the file's order: what `ibansHash` is made from. */
function accountsText(details: Details): string {
  return details.map((d) => `${d.id}=${(d.iban ?? '').replace(/\s+/g, '').toUpperCase()}`).join('\n');
}

/** The pain.001 document of an issue: everything frozen in it, the accounts as read now. */
function fileXml(issue: IssueFields, details: Details): string {
  const ibans = new Map(details.map((d) => [d.id, d.iban]));
  try {
    return sepaCreditTransfer({
      messageId: issue.messageId,
      paymentInfoId: issue.paymentInfoId,
      createdAt: issue.createdAt,
      executionDate: issue.executionDate,
      debtor: { name: issue.debtor.name, iban: issue.debtor.iban, bic: issue.debtor.bic },
      remittance: issue.remittance,
      transfers: issue.transfers.map((t) => ({
        endToEndId: t.endToEndId,
        amountCents: t.amountCents,
        creditor: { name: t.name, iban: ibans.get(t.participantId) ?? null },
      })),
    });
  } catch (err) {
    if (!(err instanceof SepaError)) throw err;
    throw new ConflictError(`stipends.sepa.${err.reason}`, { names: err.who });
  }
}

function payeesOf(fin: Finalised) {
  const payees = fin.result.participants.filter((p) => p.totalCents > 0);
  if (payees.length === 0) throw new ConflictError('stipends.sepa.nobody', { period: fin.period });
  return payees;
}

function readAccounts(period: string, ids: string[], staff: Staff): Promise<Details> {
  return paymentDetails(ids, { id: staff.id, role: staff.role, name: staff.name }, `stipends:${period}:sepa`);
}

/** A new issue's fields, with a fresh message id and the execution date the settings give today. */
async function newIssue(
  fin: Finalised,
  n: number,
  details: Details,
  settings: Settings,
  staff: Staff,
  reason: string,
): Promise<{ fields: IssueFields; xml: string }> {
  const payees = payeesOf(fin);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000); // CreDtTm has whole seconds
  const messageId = sepaId(`STIP-${fin.period}-${n}-${randomBytes(4).toString('hex').toUpperCase()}`);
  const fields: IssueFields = {
    period: fin.period,
    issue: n,
    messageId,
    paymentInfoId: `${messageId}-P`,
    createdAt: now,
    executionDate: executionDate(vilniusDate(now), settings.paymentWorkdays ?? 1),
    by: staff.id,
    byName: staff.name,
    reason,
    debtor: { name: settings.legalName, iban: settings.iban ?? '', bic: settings.bic ?? '' },
    remittance: `Stipendija ${fin.period}`,
    transfers: payees.map((p, i) => ({
      participantId: p.id,
      endToEndId: `STIP-${fin.period}-${details[i]!.code || i + 1}`,
      amountCents: p.totalCents,
      name: details[i]!.displayName,
    })),
    ibansHash: await hashPassword(accountsText(details)),
  };
  return { fields, xml: fileXml(fields, details) };
}

async function issues(period: string): Promise<PaymentFileDoc[]> {
  return PaymentFile.find({ period }).sort({ issue: 1 }).lean<PaymentFileDoc[]>();
}

export interface PaymentFileDownload {
  xml: string;
  issue: number;
  messageId: string;
  /** True when this download made the file (issue 1). */
  issued: boolean;
}

/**
 * The month's payment file for `staff` to download: the current issue, made on the first download
 * (refused with `PaymentFileMissing` while the organisation or a payee lacks what it needs). Later
 * downloads give the same bytes, or are refused when a payee's bank account changed since the issue
 * (the file would no longer be the one the bank may have). Every download is recorded.
 */
export async function downloadPaymentFile(period: string, staff: Staff): Promise<PaymentFileDownload> {
  const fin = await requireFinalised(period);
  const payees = payeesOf(fin);
  let current = (await issues(period)).at(-1) ?? null;
  const ids = current ? current.transfers.map((t) => t.participantId) : payees.map((p) => p.id);
  const details = await readAccounts(period, ids, staff);
  let xml: string;
  let issued = false;
  if (!current) {
    const settings = await getSettings();
    const missing = [...organisationMissing(settings), ...participantsMissing(details)];
    if (missing.length > 0) throw new PaymentFileMissing(missing);
    const { fields, xml: made } = await newIssue(fin, 1, details, settings, staff, '');
    if (await claimOnce(PaymentFile, { _id: `${period}:1`, ...fields })) {
      current = { _id: `${period}:1`, ...fields };
      xml = made;
      issued = true;
    } else {
      // A download at the same moment issued it first: give that file.
      current = (await PaymentFile.findById(`${period}:1`).lean<PaymentFileDoc>())!;
      xml = fileXml(current, details);
    }
  } else {
    const missing = participantsMissing(details);
    if (missing.length > 0) throw new PaymentFileMissing(missing);
    if (!(await verifyPassword(accountsText(details), current.ibansHash)))
      throw new ConflictError('sepa.errors.accountsChanged', { issue: current.issue });
    xml = fileXml(current, details);
  }
  await PaymentDownload.create({ period, issue: current.issue, by: staff.id, byName: staff.name });
  return { xml, issue: current.issue, messageId: current.messageId, issued };
}

/**
 * Issues the file again (issue `replaces` + 1, a new message id and execution date), for a reason
 * the administrator gives. Only the current issue can be replaced, once: a second re-issue from the
 * same page is refused. Not after the month is marked paid, and not before the first issue.
 */
export async function reissuePaymentFile(
  period: string,
  replaces: number,
  reason: string,
  staff: Staff,
): Promise<number> {
  const fin = await requireFinalised(period);
  if (fin.paid) throw new ConflictError('sepa.errors.paid', { period });
  const current = (await issues(period)).at(-1);
  if (!current) throw new ConflictError('sepa.errors.notIssued');
  if (current.issue !== replaces)
    throw new ConflictError('sepa.errors.alreadyReissued', { issue: current.issue });
  const payees = payeesOf(fin);
  const details = await readAccounts(
    period,
    payees.map((p) => p.id),
    staff,
  );
  const settings = await getSettings();
  const missing = [...organisationMissing(settings), ...participantsMissing(details)];
  if (missing.length > 0) throw new PaymentFileMissing(missing);
  const n = replaces + 1;
  // Made (and so checked) before the insert: an issue that cannot become a file is never stored.
  const { fields } = await newIssue(fin, n, details, settings, staff, reason);
  if (!(await claimOnce(PaymentFile, { _id: `${period}:${n}`, ...fields })))
    throw new ConflictError('sepa.errors.alreadyReissued', { issue: n });
  return n;
}

export interface IssueView {
  issue: number;
  messageId: string;
  createdAt: Date;
  executionDate: string;
  byName: string;
  reason: string;
  transfers: number;
  totalCents: number;
  downloads: number;
  firstDownload: { at: Date; byName: string } | null;
  lastDownload: { at: Date; byName: string } | null;
}

/** The issues of a month's payment file, oldest first, each with its downloads counted. */
export async function paymentFileIssues(period: string): Promise<IssueView[]> {
  const [all, downloads] = await Promise.all([
    issues(period),
    PaymentDownload.find({ period }).sort({ at: 1 }).lean(),
  ]);
  return all.map((i) => {
    const own = downloads.filter((d) => d.issue === i.issue);
    const first = own[0];
    const last = own.at(-1);
    return {
      issue: i.issue,
      messageId: i.messageId,
      createdAt: i.createdAt,
      executionDate: i.executionDate,
      byName: i.byName,
      reason: i.reason,
      transfers: i.transfers.length,
      totalCents: i.transfers.reduce((s, t) => s + t.amountCents, 0),
      downloads: own.length,
      firstDownload: first ? { at: first.at, byName: first.byName } : null,
      lastDownload: last ? { at: last.at, byName: last.byName } : null,
    };
  });
}
