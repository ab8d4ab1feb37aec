/** The two downloads every CSV is offered as (merged into the LT/EN dictionaries). */
export const csvLt = {
  'csv.spreadsheet': 'Excel / LibreOffice (lietuviškai)',
  'csv.spreadsheetHint': 'Kabliataškiai, kablelis prieš centus, Vilniaus laikas, žodžiai vietoj kodų',
  'csv.machine': 'Mašininis formatas (CSV, UTC)',
  'csv.machineHint': 'Kableliai, taškas prieš centus, UTC laikas, kodai, kaip saugomi',
} as const satisfies Record<string, string>;

export const csvEn: Record<keyof typeof csvLt, string> = {
  'csv.spreadsheet': 'Excel / LibreOffice (Lithuanian settings)',
  'csv.spreadsheetHint': 'Semicolons, decimal comma, Vilnius time, words instead of codes',
  'csv.machine': 'Machine format (CSV, UTC)',
  'csv.machineHint': 'Commas, decimal point, UTC time, codes as stored',
};
