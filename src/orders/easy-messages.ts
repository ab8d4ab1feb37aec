/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the cart, checkout, order and terms
 * pages, and the few messages those pages need in both views (numbered checkout steps, the transfer
 * instruction).
 */
export const ordersEasyLt = {
  'cart.empty.easy': 'Krepšelyje nieko nėra.',
  'cart.added.easy': 'Įdėjome į krepšelį.',
  'cart.hasProblems.easy': 'Kai kurių prekių tiek neturime. Pakeiskite kiekį.',
  'cart.unavailable.easy': 'Šios prekės nebėra. Išimkite ją.',
  'cart.insufficient.easy': 'Turime tik {available}.',
  'cart.vatIncluded.easy': 'iš jų PVM {vat}',
  'cart.deliveryLater.easy': 'Kaip gauti prekes, pasirinksite kitame puslapyje.',

  // The checkout's steps, numbered in the easy-read view.
  'checkout.contacts.easy': 'Kas jūs esate',
  'checkout.delivery.easy': 'Kaip gausite prekes',
  'checkout.payment.easy': 'Kaip mokėsite',
  'checkout.addressHint.easy': 'Kurjeriui parašykite adresą. Paštomatui parašykite jo pavadinimą.',
  'checkout.lockerHint.easy': 'Pavyzdžiui: Kretingos Maxima, Vilniaus gatvė 1',
  'fields.email.easy': 'Elektroninis paštas',

  // The bank transfer: what to pay and what to write, before the details.
  'order.transferInstruction': 'Pervesdami {amount}, mokėjimo paskirtyje būtinai nurodykite {reference}.',
  'order.transferInstruction.easy': 'Sumokėkite {amount}. Mokėjimo paskirtyje parašykite {reference}.',
  'order.bankHeading.easy': 'Kaip sumokėti banke',
  'order.paymentProcessing.easy': 'Jūsų pinigus gavome. Netrukus tai matysite čia.',
  'order.paymentCancelled.easy': 'Sumokėti nepavyko. Bandykite dar kartą.',
  'order.keepLink.easy': 'Išsaugokite šį puslapį. Čia matysite, kas vyksta su užsakymu.',
  'order.pickupAt.easy': 'Atsiimti čia',

  'orderState.pending_payment.explain.easy': 'Užsakymą gavome. Kai sumokėsite, jį ruošime.',
  'orderState.paid.explain.easy': 'Ačiū! Jūs sumokėjote. Dabar ruošiame užsakymą.',
  'orderState.ready.explain.easy': 'Užsakymas paruoštas. Galite atsiimti arba jis jau keliauja pas jus.',
  'orderState.completed.explain.easy': 'Užsakymas baigtas. Ačiū, kad pirkote!',
  'orderState.refunded.explain.easy': 'Pinigus jums grąžinome.',

  'findOrder.intro.easy': 'Parašykite užsakymo numerį ir elektroninį paštą. Atsiųsime jums nuorodą.',
  'findOrder.sent.easy': 'Jei toks užsakymas yra, nuorodą išsiuntėme. Pažiūrėkite į elektroninį paštą.',

  'terms.orders.easy':
    'Užsakymas galioja, kai jį pateikiate. Kainos yra eurais su PVM. Daiktai pagaminti rankomis. Jie gali šiek tiek skirtis nuo nuotraukų.',
  'terms.payment.easy':
    'Galite mokėti kortele, banko pavedimu arba atsiimdami dirbtuvėse. Jei pavedimu nesumokate laiku, užsakymą atšaukiame.',
  'terms.delivery.easy':
    'Prekes galite atsiimti dirbtuvėse. Galime atsiųsti kurjeriu arba į paštomatą. Daiktus pagal užsakymą pagaminame per nurodytą laiką.',
  'terms.returns.easy':
    'Per 14 dienų prekę galite grąžinti. Tai netinka daiktams, pagamintiems pagal jūsų užsakymą. Pinigus grąžiname taip, kaip mokėjote.',
  'terms.privacy.easy':
    'Jūsų vardą, telefoną, adresą ir elektroninį paštą naudojame tik užsakymui. Jų reikia ir buhalterijai.',

  'errors.postcode.easy': 'Pašto kodas turi 5 skaitmenis. Pavyzdžiui: LT-97111',
  'errors.date.easy': 'Parašykite datą. Pavyzdžiui: 2026-11-22',
  'errors.termsRequired.easy': 'Pažymėkite, kad sutinkate su taisyklėmis.',

  'orders.errors.busy.easy': 'Dabar labai daug užsakymų. Bandykite dar kartą.',
  'orders.errors.notEnoughStock.easy': 'Tiek neturime. Turime tik {available}.',
  'orders.errors.soldOut.easy': '„{title}“ jau išparduota. Turime tik {available}. Pataisykite krepšelį.',
  'orders.errors.badCartInput.easy': 'Kažkas negerai su kiekiu. Bandykite dar kartą.',
  'orders.errors.cardUnavailable.easy': 'Dabar negalima mokėti kortele. Pasirinkite kitą būdą.',
  'orders.errors.payAtPickupOnly.easy': 'Mokėti atsiimant galima, tik jei atsiimate dirbtuvėse.',
  // The checkout's parcel lockers and VAT invoice request.
  'checkout.lockerNetwork.easy': 'Kurios įmonės paštomatas',
  'checkout.lockerChooseNetwork.easy': 'Pasirinkite įmonę',
  'checkout.lockerNone.easy': 'Paštomato dar negalite pasirinkti. Pasirinkite kitą būdą.',
  'checkout.vatCodeHint.easy': 'Pradžioje parašykite šalies raides. Pavyzdžiui: LT100001234567.',
  'checkout.errors.lockerNetwork.easy': 'Pasirinkite, kurios įmonės paštomatas.',
  'checkout.errors.lockerUnknown.easy': 'Šio paštomato nebėra. Pasirinkite kitą paštomatą.',
} as const satisfies Record<string, string>;

export const ordersEasyEn: Record<keyof typeof ordersEasyLt, string> = {
  'cart.empty.easy': 'There is nothing in your cart.',
  'cart.added.easy': 'It is in your cart now.',
  'cart.hasProblems.easy': 'We do not have enough of some items. Change the number.',
  'cart.unavailable.easy': 'We do not sell this any more. Remove it.',
  'cart.insufficient.easy': 'We only have {available}.',
  'cart.vatIncluded.easy': 'with {vat} VAT in it',
  'cart.deliveryLater.easy': 'On the next page you choose how to get your things.',

  'checkout.contacts.easy': 'About you',
  'checkout.delivery.easy': 'How you get your things',
  'checkout.payment.easy': 'How you pay',
  'checkout.addressHint.easy': 'For a courier, write your address. For a parcel locker, write its name.',
  'checkout.lockerHint.easy': 'For example: Kretinga Maxima, Vilniaus gatvė 1',
  'fields.email.easy': 'E-mail address',

  'order.transferInstruction':
    'When you transfer {amount}, be sure to give {reference} as the payment reference.',
  'order.transferInstruction.easy': 'Pay {amount}. Write {reference} as the payment reference.',
  'order.bankHeading.easy': 'How to pay at your bank',
  'order.paymentProcessing.easy': 'We got your money. Soon you will see it here.',
  'order.paymentCancelled.easy': 'The payment did not work. Try again.',
  'order.keepLink.easy': 'Keep this page. It shows what happens with your order.',
  'order.pickupAt.easy': 'Pick it up here',

  'orderState.pending_payment.explain.easy': 'We have your order. When you pay, we prepare it.',
  'orderState.paid.explain.easy': 'Thank you! You have paid. Now we prepare your order.',
  'orderState.ready.explain.easy': 'Your order is ready. You can pick it up, or it is on its way.',
  'orderState.completed.explain.easy': 'Your order is done. Thank you for buying!',
  'orderState.refunded.explain.easy': 'We gave your money back.',

  'findOrder.intro.easy': 'Write your order number and your e-mail. We send you a link.',
  'findOrder.sent.easy': 'If the order exists, we sent the link. Look in your e-mail.',

  'terms.orders.easy':
    'The order counts when you place it. Prices are in euros with VAT. Things are made by hand. They can look a little different from the photos.',
  'terms.payment.easy':
    'Pay by card, by bank transfer or when you pick up. If a transfer does not come in time, we cancel the order.',
  'terms.delivery.easy':
    'You can pick up at the workshop. We can send by courier or to a parcel locker. We make things to order in the time we tell you.',
  'terms.returns.easy':
    'You can return an item within 14 days. This is not for things made to your order. We pay back the way you paid.',
  'terms.privacy.easy':
    'We use your name, phone, address and e-mail only for your order. Our accountant needs them too.',

  'errors.postcode.easy': 'A postcode has 5 digits. For example: LT-97111',
  'errors.date.easy': 'Write a date. For example: 2026-11-22',
  'errors.termsRequired.easy': 'Tick the box to agree to the rules.',

  'orders.errors.busy.easy': 'There are many orders right now. Try again.',
  'orders.errors.notEnoughStock.easy': 'We do not have that many. We have only {available}.',
  'orders.errors.soldOut.easy': '“{title}” is sold out. We have only {available}. Please change your cart.',
  'orders.errors.badCartInput.easy': 'Something is wrong with the number. Try again.',
  'orders.errors.cardUnavailable.easy': 'You cannot pay by card now. Choose another way.',
  'orders.errors.payAtPickupOnly.easy': 'Pay at pickup only when you pick up at the workshop.',
  // The checkout's parcel lockers and VAT invoice request.
  'checkout.lockerNetwork.easy': 'Which company the parcel locker belongs to',
  'checkout.lockerChooseNetwork.easy': 'Choose the company',
  'checkout.lockerNone.easy': 'You cannot choose a parcel locker yet. Choose another way.',
  'checkout.vatCodeHint.easy': 'Start with the letters of the country. For example: LT100001234567.',
  'checkout.errors.lockerNetwork.easy': 'Choose which company the parcel locker belongs to.',
  'checkout.errors.lockerUnknown.easy': 'This parcel locker is gone. Choose another parcel locker.',
};
