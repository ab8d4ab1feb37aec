/** Words of the allocation table's totals row (merged into the LT/EN dictionaries). */
export const stipendsCsvLt = {
  'stipend.totalsRow': 'Iš viso',
} as const satisfies Record<string, string>;

export const stipendsCsvEn: Record<keyof typeof stipendsCsvLt, string> = {
  'stipend.totalsRow': 'Total',
};
