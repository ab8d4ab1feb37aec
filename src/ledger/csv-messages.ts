/** Words of the ledger's CSV for the accountant: new columns, accounts and channels (merged into LT/EN). */
export const ledgerCsvLt = {
  'ledger.csv.channel': 'Pardavimo kanalas',
  'ledger.csv.participant': 'Dalyvis',

  'ledger.accountName.assets:bank': 'Banko sąskaita',
  'ledger.accountName.assets:cash': 'Kasa (grynieji)',
  'ledger.accountName.assets:stripe': 'Mokėjimai kortele (Stripe)',
  'ledger.accountName.income:products': 'Pajamos už prekes',
  'ledger.accountName.income:services': 'Pajamos už paslaugas',
  'ledger.accountName.income:delivery': 'Pajamos už pristatymą',
  'ledger.accountName.liabilities:vat': 'Mokėtinas PVM',
  'ledger.accountName.liabilities:overpayments': 'Permokos pirkėjams',
  'ledger.accountName.liabilities:stipends': 'Mokėtinos stipendijos',
  'ledger.accountName.expenses:materials': 'Medžiagų sąnaudos',
  'ledger.accountName.expenses:stipends': 'Stipendijų sąnaudos',
  'ledger.accountName.expenses:payment_shortfalls': 'Nepriemokų sąnaudos',

  'ledger.channelName.web': 'Internetinė parduotuvė',
  'ledger.channelName.phone': 'Telefonu',
  'ledger.channelName.walk_in': 'Dirbtuvėse vietoje',
  'ledger.channelName.fair': 'Mugėje',
  'ledger.channelName.services': 'Paslaugos verslui',
} as const satisfies Record<string, string>;

export const ledgerCsvEn: Record<keyof typeof ledgerCsvLt, string> = {
  'ledger.csv.channel': 'Sales channel',
  'ledger.csv.participant': 'Participant',

  'ledger.accountName.assets:bank': 'Bank account',
  'ledger.accountName.assets:cash': 'Cash',
  'ledger.accountName.assets:stripe': 'Card payments (Stripe)',
  'ledger.accountName.income:products': 'Income from goods',
  'ledger.accountName.income:services': 'Income from services',
  'ledger.accountName.income:delivery': 'Income from delivery',
  'ledger.accountName.liabilities:vat': 'VAT payable',
  'ledger.accountName.liabilities:overpayments': 'Overpayments owed to buyers',
  'ledger.accountName.liabilities:stipends': 'Stipends payable',
  'ledger.accountName.expenses:materials': 'Material costs',
  'ledger.accountName.expenses:stipends': 'Stipend expenses',
  'ledger.accountName.expenses:payment_shortfalls': 'Payment shortfalls',

  'ledger.channelName.web': 'Online shop',
  'ledger.channelName.phone': 'By phone',
  'ledger.channelName.walk_in': 'At the workshop',
  'ledger.channelName.fair': 'At a fair',
  'ledger.channelName.services': 'Services for businesses',
};
