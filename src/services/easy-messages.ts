/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the businesses' public pages: the
 * request form and the tracking page (quotes, invoices, payment).
 */
export const servicesEasyLt = {
  'requests.formIntro.easy': 'Parašykite, ko jums reikia. Per kelias dienas atsiųsime pasiūlymą su kaina.',
  'requests.companyCodeHint.easy': 'Įmonės kodas turi 9 skaitmenis. Seni kodai turi 7.',
  'requests.vatCodeHint.easy': 'Tik jei įmonė moka PVM. Pavyzdžiui: LT123456789',
  'requests.descriptionHint.easy': 'Ką reikia padaryti? Kiek? Iš ko? Kur pristatyti?',
  'requests.attachmentsHint.easy':
    'Galite pridėti iki {max} failų. Vienas failas iki {mb} MB. Visi kartu iki {total} MB.',

  'request.submittedText.easy':
    'Išsaugokite šį puslapį. Čia matysite, kas vyksta su užklausa. Nuorodą atsiuntėme elektroniniu paštu.',
  'request.paymentDone.easy': 'Ačiū, pinigus gavome. Netrukus tai matysite čia.',
  'request.paymentCancelled.easy': 'Sumokėti nepavyko. Bandykite dar kartą.',
  'request.timeline.easy': 'Kas jau įvyko',
  'workflow.event.email_sent.easy': 'Išsiuntėme laišką',
  'workflow.event.attachments_removed.easy': 'Jūsų failus ištrynėme. Juos saugome tik ribotą laiką.',
  'workflow.event.payment_processing.easy': 'Tikriname mokėjimą',
  'request.errors.date.easy': 'Parašykite datą. Pavyzdžiui: 2026-05-31',

  'quote.line.unitNet.easy': 'Vieno kaina be PVM',
  'quote.line.gross.easy': 'Kaina su PVM',
  'quote.totalNet.easy': 'Kaina be PVM',
  'quote.leadTime.easy': 'Per kiek darbo dienų padarysime',
  'quote.acceptedByHint.easy': 'Parašykite savo vardą. Taip jūsų įmonė sutinka su pasiūlymu.',

  'invoice.payByTransfer.easy':
    'Sumokėkite {amount}. Gavėjas: {recipient}. Sąskaita: {iban}. Mokėjimo paskirtyje parašykite „{reference}“.',
} as const satisfies Record<string, string>;

export const servicesEasyEn: Record<keyof typeof servicesEasyLt, string> = {
  'requests.formIntro.easy': 'Write what you need. In a few days we send you a price.',
  'requests.companyCodeHint.easy': 'A company code has 9 digits. Old codes have 7.',
  'requests.vatCodeHint.easy': 'Only if the company pays VAT. For example: LT123456789',
  'requests.descriptionHint.easy': 'What needs doing? How many? From what? Where to deliver?',
  'requests.attachmentsHint.easy':
    'You can add up to {max} files. One file up to {mb} MB. All together up to {total} MB.',

  'request.submittedText.easy':
    'Keep this page. It shows what happens with your request. We also sent you the link by e-mail.',
  'request.paymentDone.easy': 'Thank you, we got the money. Soon you will see it here.',
  'request.paymentCancelled.easy': 'The payment did not work. Try again.',
  'request.timeline.easy': 'What has happened',
  'workflow.event.email_sent.easy': 'We sent you an e-mail',
  'workflow.event.attachments_removed.easy': 'We deleted your files. We keep them only for a while.',
  'workflow.event.payment_processing.easy': 'We are checking the payment',
  'request.errors.date.easy': 'Write a date. For example: 2026-05-31',

  'quote.line.unitNet.easy': 'Price for one, without VAT',
  'quote.line.gross.easy': 'Amount with VAT',
  'quote.totalNet.easy': 'Total without VAT',
  'quote.leadTime.easy': 'Working days we need',
  'quote.acceptedByHint.easy': 'Write your name. This means your company says yes to the quote.',

  'invoice.payByTransfer.easy':
    'Pay {amount}. To: {recipient}. Account: {iban}. Write “{reference}” as the payment reference.',
};
