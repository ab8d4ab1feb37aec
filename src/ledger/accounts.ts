/**
 * Accounts in words, for the accountant's CSV: `income:products` → "Pajamos už prekes". A
 * participant's stipend account (`liabilities:stipends:<id>`) reads as the stipends payable; the
 * participant is named in a column of their own. An account without a name keeps its code.
 */
export const ACCOUNT_NAMES = [
  'assets:bank',
  'assets:cash',
  'assets:stripe',
  'income:products',
  'income:services',
  'income:delivery',
  'liabilities:vat',
  'liabilities:overpayments',
  'liabilities:stipends',
  'expenses:materials',
  'expenses:stipends',
  'expenses:payment_shortfalls',
] as const;

const STIPEND_ACCOUNT = /^liabilities:stipends:([a-z0-9_-]+)$/;

/** The participant a stipend account belongs to (`liabilities:stipends:<id>`), or null. */
export function accountParticipant(account: string): string | null {
  return STIPEND_ACCOUNT.exec(account)?.[1] ?? null;
}

export function accountLabel(account: string, t: (key: string) => string): string {
  const named = accountParticipant(account) ? 'liabilities:stipends' : account;
  if (!(ACCOUNT_NAMES as readonly string[]).includes(named)) return account;
  return t(`ledger.accountName.${named}`);
}
