/** Words of the staff order list's totals and its CSV (merged into the LT/EN dictionaries). */
export const ordersCsvLt = {
  'ordersAdmin.totals.heading': 'Iš viso pagal filtrus',
  'ordersAdmin.totals.hint':
    'Visų rastų užsakymų (visuose puslapiuose) sumos, tokios pat kaip CSV stulpelių.',
  'ordersAdmin.csv.channel': 'Pardavimo kanalas',
} as const satisfies Record<string, string>;

export const ordersCsvEn: Record<keyof typeof ordersCsvLt, string> = {
  'ordersAdmin.totals.heading': 'Totals of the filtered orders',
  'ordersAdmin.totals.hint': 'Sums over every order found (all pages), the same as the CSV columns.',
  'ordersAdmin.csv.channel': 'Sales channel',
};
