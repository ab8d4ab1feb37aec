/** Messages of the ledger pages (merged into the LT/EN dictionaries). */
export const ledgerLt = {} as const satisfies Record<string, string>;

export const ledgerEn: Record<keyof typeof ledgerLt, string> = {};
