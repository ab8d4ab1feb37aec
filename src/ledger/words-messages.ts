/** The ledger in words: account names, sales channels, links, period locks and corrections. */
export const ledgerWordsLt = {
  'ledger.acct.assets:bank': 'Bankas',
  'ledger.acct.assets:stripe': 'Mokėjimai kortele (Stripe)',
  'ledger.acct.assets:cash': 'Kasa (grynieji)',
  'ledger.acct.assets:card_terminal': 'Mokėjimo kortelių terminalas',
  'ledger.acct.income:products': 'Pardavimo pajamos: prekės',
  'ledger.acct.income:services': 'Pardavimo pajamos: paslaugos',
  'ledger.acct.income:delivery': 'Pajamos už pristatymą',
  'ledger.acct.income:cash_rounding': 'Pajamos: grynųjų apvalinimas',
  'ledger.acct.liabilities:vat': 'Mokėtinas PVM',
  'ledger.acct.liabilities:stipends': 'Stipendijos dalyviams (mokėtina)',
  'ledger.acct.liabilities:overpayments': 'Permokos (grąžintina pirkėjams)',
  'ledger.acct.expenses:stipends': 'Sąnaudos: dalyvių stipendijos',
  'ledger.acct.expenses:materials': 'Sąnaudos: medžiagos',
  'ledger.acct.expenses:payment_shortfalls': 'Sąnaudos: nepriemokos',
  'ledger.acct.expenses:cash_rounding': 'Sąnaudos: grynųjų apvalinimas',
  'ledger.acct.participant': 'dalyvis',
  'ledger.acct.withName': '{account}: {name}',
  'ledger.accountCode': 'Sąskaitos kodas',

  'ledger.channel': 'Pardavimo kanalas',
  'ledger.allChannels': 'Visi kanalai',

  'ledger.attr.job': 'darbas',
  'ledger.attr.invoice': 'sąskaita faktūra',
  'ledger.attr.unknown': 'nerasta',

  'ledger.corrects': 'Taiso įrašą',
  'ledger.correctsEntry': '{kind}, {period}',
  'ledger.correctsMissing': 'įrašas {key} (nerastas)',
  'ledger.movedFrom': 'Perkelta iš užrakinto laikotarpio',
  'ledger.movedFromText':
    'Mokėjimo data {date} patenka į užrakintą laikotarpį {period}, todėl įrašyta atvirame laikotarpyje.',
  'ledger.locked': 'Užrakinta',
  'ledger.lockedPeriod': 'Laikotarpis {period} užrakintas {date}. Jame naujų įrašų nebepriimama.',
  'ledger.lateEntries.one': 'Po užrakinimo atsirado {count} įrašas šiame laikotarpyje — patikrinkite.',
  'ledger.lateEntries.few': 'Po užrakinimo atsirado {count} įrašai šiame laikotarpyje — patikrinkite.',
  'ledger.lateEntries.many': 'Po užrakinimo atsirado {count} įrašo šiame laikotarpyje — patikrinkite.',
  'ledger.lateEntries.other': 'Po užrakinimo atsirado {count} įrašų šiame laikotarpyje — patikrinkite.',
  'ledger.lateEntry': 'Atsirado po užrakinimo',

  'ledger.errors.periodLocked':
    'Laikotarpis {period} užrakintas: jame nieko nebegalima įrašyti. Nurodykite datą atvirame laikotarpyje (nuo {open}).',
  'ledger.errors.lockNotEnded': 'Mėnuo {period} dar nesibaigė: užrakinti galima tik pasibaigusį mėnesį.',
} as const satisfies Record<string, string>;

export const ledgerWordsEn: Record<keyof typeof ledgerWordsLt, string> = {
  'ledger.acct.assets:bank': 'Bank',
  'ledger.acct.assets:stripe': 'Card payments (Stripe)',
  'ledger.acct.assets:cash': 'Cash',
  'ledger.acct.assets:card_terminal': 'Card terminal',
  'ledger.acct.income:products': 'Sales income: goods',
  'ledger.acct.income:services': 'Sales income: services',
  'ledger.acct.income:delivery': 'Delivery income',
  'ledger.acct.income:cash_rounding': 'Income: cash rounding',
  'ledger.acct.liabilities:vat': 'VAT payable',
  'ledger.acct.liabilities:stipends': 'Stipends payable to participants',
  'ledger.acct.liabilities:overpayments': 'Overpayments (owed to buyers)',
  'ledger.acct.expenses:stipends': 'Expenses: participants’ stipends',
  'ledger.acct.expenses:materials': 'Expenses: materials',
  'ledger.acct.expenses:payment_shortfalls': 'Expenses: payment shortfalls',
  'ledger.acct.expenses:cash_rounding': 'Expenses: cash rounding',
  'ledger.acct.participant': 'participant',
  'ledger.acct.withName': '{account}: {name}',
  'ledger.accountCode': 'Account code',

  'ledger.channel': 'Sales channel',
  'ledger.allChannels': 'All channels',

  'ledger.attr.job': 'job',
  'ledger.attr.invoice': 'invoice',
  'ledger.attr.unknown': 'not found',

  'ledger.corrects': 'Corrects entry',
  'ledger.correctsEntry': '{kind}, {period}',
  'ledger.correctsMissing': 'entry {key} (not found)',
  'ledger.movedFrom': 'Moved out of a locked period',
  'ledger.movedFromText':
    'The payment date {date} falls in the locked period {period}, so it was posted in the open period.',
  'ledger.locked': 'Locked',
  'ledger.lockedPeriod': 'Period {period} was locked on {date}. It takes no new entries.',
  'ledger.lateEntries.one': '{count} entry arrived in this period after it was locked — check it.',
  'ledger.lateEntries.few': '{count} entries arrived in this period after it was locked — check them.',
  'ledger.lateEntries.many': '{count} entries arrived in this period after it was locked — check them.',
  'ledger.lateEntries.other': '{count} entries arrived in this period after it was locked — check them.',
  'ledger.lateEntry': 'Arrived after locking',

  'ledger.errors.periodLocked':
    'Period {period} is locked: nothing more can be recorded in it. Choose a date in the open period (from {open}).',
  'ledger.errors.lockNotEnded': 'The month {period} has not ended yet: only an ended month can be locked.',
};
