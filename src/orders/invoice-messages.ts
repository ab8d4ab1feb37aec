/** Words of a shop order's VAT invoice on the staff order pages. */
export const orderInvoiceLt = {
  'orderInvoice.sectionTitle': 'PVM sąskaita faktūra',
  'orderInvoice.kind.invoice': 'Sąskaita faktūra',
  'orderInvoice.kind.creditNote': 'Kreditinė sąskaita',
  'orderInvoice.requestedBy': 'Pirkėjas prašo sąskaitos įmonei: {name}',
  'orderInvoice.noneRequested': 'Pirkėjas sąskaitos faktūros neprašė.',
  'orderInvoice.review': 'Peržiūrėti ir išrašyti sąskaitą',
  'orderInvoice.editRequest': 'Keisti įmonės duomenis',
  'orderInvoice.addRequest': 'Įvesti įmonės duomenis sąskaitai',
  'orderInvoice.onlyPaid': 'Sąskaitą faktūrą galima išrašyti apmokėtam užsakymui.',
  'orderInvoice.requestTitle': 'Įmonės duomenys sąskaitai: užsakymas {number}',
  'orderInvoice.requestIntro':
    'Sąskaitoje bus šie pirkėjo duomenys. Įstatymas reikalauja pavadinimo, įmonės kodo ir adreso; PVM kodo – jei įmonė yra PVM mokėtoja.',
  'orderInvoice.saveRequest': 'Išsaugoti',
  'orderInvoice.requestSaved': 'Įmonės duomenys išsaugoti. Peržiūrėkite sąskaitą prieš ją išrašydami.',
  'orderInvoice.previewTitle': 'Sąskaita faktūra užsakymui {number}',
  'orderInvoice.previewIntro':
    'Taip atrodys sąskaita. Išrašytos sąskaitos pakeisti negalima: klaidą taisys kreditinė sąskaita.',
  'orderInvoice.unavailable':
    'Šiam užsakymui sąskaitos išrašyti negalima: jis neapmokėtas arba sąskaita jau išrašyta.',
  'orderInvoice.issued': 'Išrašyta sąskaita faktūra {invoice}.',
  'orderInvoice.errors.notPaid': 'Sąskaitą faktūrą galima išrašyti tik apmokėtam, neatšauktam užsakymui.',
  'orderInvoice.errors.locked':
    'Sąskaita jau išrašyta su šiais duomenimis, todėl jų keisti nebegalima. Klaidą taisykite kreditine sąskaita.',
  'orderInvoice.deliveryLine.pickup': 'Atsiėmimas dirbtuvėse',
  'orderInvoice.deliveryLine.courier': 'Pristatymas kurjeriu',
  'orderInvoice.deliveryLine.parcel_locker': 'Pristatymas į paštomatą',
  'ordersAdmin.event.invoice_request': 'Įvesti įmonės duomenys sąskaitai',
  'ordersAdmin.event.invoice_issued': 'Išrašyta sąskaita faktūra',
  'ordersAdmin.event.credit_note_issued': 'Išrašyta kreditinė sąskaita',
  'ordersAdmin.event.credit_note_failed': 'Kreditinės sąskaitos išrašyti nepavyko',
} satisfies Record<string, string>;

export const orderInvoiceEn: Record<keyof typeof orderInvoiceLt, string> = {
  'orderInvoice.sectionTitle': 'VAT invoice',
  'orderInvoice.kind.invoice': 'Invoice',
  'orderInvoice.kind.creditNote': 'Credit note',
  'orderInvoice.requestedBy': 'The buyer asks for an invoice to a company: {name}',
  'orderInvoice.noneRequested': 'The buyer did not ask for an invoice.',
  'orderInvoice.review': 'Review and issue the invoice',
  'orderInvoice.editRequest': 'Change the company details',
  'orderInvoice.addRequest': 'Enter company details for an invoice',
  'orderInvoice.onlyPaid': 'An invoice can be issued for a paid order.',
  'orderInvoice.requestTitle': 'Company details for the invoice: order {number}',
  'orderInvoice.requestIntro':
    'The invoice will carry these buyer details. The law asks for the name, company code and address, and a VAT code if the company is VAT registered.',
  'orderInvoice.saveRequest': 'Save',
  'orderInvoice.requestSaved': 'Company details saved. Review the invoice before issuing it.',
  'orderInvoice.previewTitle': 'Invoice for order {number}',
  'orderInvoice.previewIntro':
    'This is the invoice as it will be issued. An issued invoice cannot be changed: a credit note corrects a mistake.',
  'orderInvoice.unavailable':
    'No invoice can be issued for this order: it is not paid, or its invoice is issued already.',
  'orderInvoice.issued': 'Invoice {invoice} issued.',
  'orderInvoice.errors.notPaid': 'An invoice can be issued only for a paid order that is not cancelled.',
  'orderInvoice.errors.locked':
    'The invoice was issued with these details, so they can no longer change. Correct a mistake with a credit note.',
  'orderInvoice.deliveryLine.pickup': 'Pickup at the workshop',
  'orderInvoice.deliveryLine.courier': 'Delivery by courier',
  'orderInvoice.deliveryLine.parcel_locker': 'Delivery to a parcel locker',
  'ordersAdmin.event.invoice_request': 'Company details for an invoice entered',
  'ordersAdmin.event.invoice_issued': 'Invoice issued',
  'ordersAdmin.event.credit_note_issued': 'Credit note issued',
  'ordersAdmin.event.credit_note_failed': 'The credit note could not be issued',
};
