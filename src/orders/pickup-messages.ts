/** Pay-at-pickup orders prepared before payment, the buyer's note and the expected ready date. */
export const pickupOrderLt = {
  // The same sentence on the order page and in the e-mail, so the two always agree.
  'pickupOrder.prepareThenPay':
    'Užsakymą paruošime ir parašysime, kai galėsite atsiimti. Sumokėsite atsiimdami.',
  'pickupOrder.prepareThenPay.easy':
    'Mes paruošime užsakymą. Parašysime, kai galėsite atsiimti. Sumokėsite atsiimdami.',
  'pickupOrder.preparedBadge': 'Paruošta atsiimti',
  'pickupOrder.preparedExplain': 'Užsakymas paruoštas. Atvykite jo atsiimti ir sumokėkite {amount} vietoje.',
  'pickupOrder.preparedExplain.easy': 'Užsakymas paruoštas. Atvykite ir sumokėkite {amount}.',
  'pickupOrder.note': 'Jūsų pastaba',
  'pickupOrder.note.easy': 'Ką parašėte mums',
  'pickupOrder.expectedReady': 'Numatoma pagaminti iki {date}',
  'pickupOrder.expectedReady.easy': 'Pagaminsime iki {date}',
  'pickupOrder.staffExpectedReady': 'Gaminama pagal užsakymą: paruošti iki {date}',
  'pickupOrder.markPrepared': 'Paruošta atsiimti (dar neapmokėta)',
  'pickupOrder.markPreparedHint':
    'Pirkėjas gaus laišką, kad gali atvykti ir sumokėti atsiimdamas. Apmokėjimą pažymėsite, kai jis atsiims.',
  'pickupOrder.preparedStaff': 'Paruošta atsiimti {date}; laukiama, kol pirkėjas atvyks ir sumokės.',
  'pickupOrder.collectHint':
    'Pirkėjui atsiimant: pažymėkite apmokėjimą – užsakymas bus pažymėtas paruoštu ir įvykdytu.',
  'pickupOrder.flash.prepared': 'Užsakymas {number} pažymėtas paruoštu atsiimti; pirkėjui išsiųstas laiškas.',
  'pickupOrder.flash.collected': 'Užsakymas {number} apmokėtas ir atsiimtas.',
  'pickupOrder.errors.notPayAtPickup':
    'Paruošti prieš apmokėjimą galima tik neapmokėtą užsakymą, kuris bus apmokėtas ir atsiimtas dirbtuvėse.',
  'pickupOrder.errors.alreadyPrepared': 'Šis užsakymas jau pažymėtas paruoštu atsiimti.',
  'ordersAdmin.event.prepared': 'Paruošta atsiimti (neapmokėta)',
  'mail.note': 'Jūsų pastaba: {note}',
  'mail.expectedReady': 'Gaminame pagal užsakymą; numatome pagaminti iki {date}.',
  'mail.pickupHours': 'Darbo laikas: {hours}.',
  'staffMail.expectedReady': 'Paruošti iki: {date}',
} as const satisfies Record<string, string>;

export const pickupOrderEn = {
  'pickupOrder.prepareThenPay':
    'We will prepare your order and write when you can collect it. You pay when you collect it.',
  'pickupOrder.prepareThenPay.easy':
    'We will make your order ready. We will write to you. You pay when you collect it.',
  'pickupOrder.preparedBadge': 'Ready for pickup',
  'pickupOrder.preparedExplain': 'Your order is ready. Come to collect it and pay {amount} there.',
  'pickupOrder.preparedExplain.easy': 'Your order is ready. Come and pay {amount}.',
  'pickupOrder.note': 'Your note',
  'pickupOrder.note.easy': 'What you wrote to us',
  'pickupOrder.expectedReady': 'Expected to be made by {date}',
  'pickupOrder.expectedReady.easy': 'We will make it by {date}',
  'pickupOrder.staffExpectedReady': 'Made to order: to be ready by {date}',
  'pickupOrder.markPrepared': 'Ready for pickup (not paid yet)',
  'pickupOrder.markPreparedHint':
    'The buyer gets an e-mail to come and pay at pickup. Record the payment when they collect it.',
  'pickupOrder.preparedStaff': 'Ready for pickup since {date}; waiting for the buyer to come and pay.',
  'pickupOrder.collectHint':
    'When the buyer collects it: record the payment, and the order is marked ready and completed.',
  'pickupOrder.flash.prepared': 'Order {number} is marked ready for pickup; the buyer has been e-mailed.',
  'pickupOrder.flash.collected': 'Order {number} is paid and collected.',
  'pickupOrder.errors.notPayAtPickup':
    'Only an unpaid order to be paid and collected at the workshop can be prepared before payment.',
  'pickupOrder.errors.alreadyPrepared': 'This order is already marked ready for pickup.',
  'ordersAdmin.event.prepared': 'Ready for pickup (not paid)',
  'mail.note': 'Your note: {note}',
  'mail.expectedReady': 'We make it to order and expect it to be ready by {date}.',
  'mail.pickupHours': 'Opening hours: {hours}.',
  'staffMail.expectedReady': 'Ready by: {date}',
} as const satisfies Record<string, string>;
