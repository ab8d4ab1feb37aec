/**
 * Accounts in words, for the accountant's CSV: `income:products` → "Pajamos už prekes". A
 * participant's stipend account (`liabilities:stipends:<id>`) reads as the stipends payable; the
 * participant is named in a column of their own. An account without a name keeps its code.
 */
const STIPEND_ACCOUNT = /^liabilities:stipends:([a-z0-9_-]+)$/;

/** The participant a stipend account belongs to (`liabilities:stipends:<id>`), or null. */
export function accountParticipant(account: string): string | null {
  return STIPEND_ACCOUNT.exec(account)?.[1] ?? null;
}

/** The account in the same words as the journal on screen (`ledger.acct.*`); its code when it has none. */
export function accountLabel(account: string, t: (key: string) => string): string {
  const named = accountParticipant(account) ? 'liabilities:stipends' : account;
  const key = `ledger.acct.${named}`;
  const label = t(key);
  return label === key ? account : label;
}
