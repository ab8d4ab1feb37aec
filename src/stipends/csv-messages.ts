/** Words of the stipends' CSV and the allocation table's totals (merged into the LT/EN dictionaries). */
export const stipendsCsvLt = {
  'stipends.csv.heading': 'CSV buhalterijai',
  'stipend.totalsRow': 'Iš viso',
} as const satisfies Record<string, string>;

export const stipendsCsvEn: Record<keyof typeof stipendsCsvLt, string> = {
  'stipends.csv.heading': 'CSV for the accountant',
  'stipend.totalsRow': 'Total',
};
