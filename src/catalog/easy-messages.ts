/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the shop's pages (catalogue, product,
 * services), and the staff form's fields for a product's own easy-read description.
 */
export const catalogEasyLt = {
  'product.inStock.easy': 'Galima pirkti dabar',
  'product.inStockCount.easy': 'Turime {count}.',
  'product.soldOut.easy': 'Dabar nėra. Visi išparduoti.',
  'product.vatIncluded.easy': 'Kainoje jau yra {rate} % PVM.',
  'product.madeToOrderDays.one.easy': 'Pagaminsime per {count} dieną.',
  'product.madeToOrderDays.few.easy': 'Pagaminsime per {count} dienas.',
  'product.madeToOrderDays.many.easy': 'Pagaminsime per {count} dienos.',
  'product.madeToOrderDays.other.easy': 'Pagaminsime per {count} dienų.',
  'services.leadTime.one.easy': 'Paprastai padarome per {count} darbo dieną.',
  'services.leadTime.few.easy': 'Paprastai padarome per {count} darbo dienas.',
  'services.leadTime.many.easy': 'Paprastai padarome per {count} darbo dienos.',
  'services.leadTime.other.easy': 'Paprastai padarome per {count} darbo dienų.',

  // The search's sort and the product page's add-to-cart (it stays on the page).
  'catalogue.sort.relevance.easy': 'Labiausiai tinka',
  'cart.adding.easy': 'Dedame į krepšelį.',
  'cart.addFailed.easy': 'Į krepšelį neįdėjome. Bandykite dar kartą.',

  // The staff's product form: a product's own easy-read description (optional).
  'fields.easyDescriptionLt': 'Lengvai skaitomas aprašymas lietuviškai',
  'fields.easyDescriptionEn': 'Lengvai skaitomas aprašymas angliškai',
  'fields.easyDescriptionHint':
    'Nebūtina. Rodomas vietoj aprašymo, kai pirkėjas įjungia lengvai skaitomą vaizdą: trumpi sakiniai (iki 12 žodžių), kasdieniai žodžiai, be santrumpų.',
} as const satisfies Record<string, string>;

export const catalogEasyEn: Record<keyof typeof catalogEasyLt, string> = {
  'product.inStock.easy': 'You can buy it now',
  'product.inStockCount.easy': 'We have {count}.',
  'product.soldOut.easy': 'None left now.',
  'product.vatIncluded.easy': 'The price already has {rate}% VAT in it.',
  'product.madeToOrderDays.one.easy': 'We make it for you in {count} day.',
  'product.madeToOrderDays.few.easy': 'We make it for you in {count} days.',
  'product.madeToOrderDays.many.easy': 'We make it for you in {count} days.',
  'product.madeToOrderDays.other.easy': 'We make it for you in {count} days.',
  'services.leadTime.one.easy': 'We usually do it in {count} working day.',
  'services.leadTime.few.easy': 'We usually do it in {count} working days.',
  'services.leadTime.many.easy': 'We usually do it in {count} working days.',
  'services.leadTime.other.easy': 'We usually do it in {count} working days.',

  'catalogue.sort.relevance.easy': 'Fits your words best',
  'cart.adding.easy': 'We are putting it in your cart.',
  'cart.addFailed.easy': 'It is not in your cart. Try again.',

  'fields.easyDescriptionLt': 'Easy-read description in Lithuanian',
  'fields.easyDescriptionEn': 'Easy-read description in English',
  'fields.easyDescriptionHint':
    'Optional. Shown instead of the description when a buyer turns on the easy-read view: short sentences (up to 12 words), everyday words, no abbreviations.',
};
