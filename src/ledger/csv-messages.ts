/** Words of the ledger's CSV for the accountant: new columns, accounts and channels (merged into LT/EN). */
export const ledgerCsvLt = {
  'ledger.csv.channel': 'Pardavimo kanalas',
  'ledger.csv.participant': 'Dalyvis',
} as const satisfies Record<string, string>;

export const ledgerCsvEn: Record<keyof typeof ledgerCsvLt, string> = {
  'ledger.csv.channel': 'Sales channel',
  'ledger.csv.participant': 'Participant',
};
