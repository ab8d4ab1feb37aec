/**
 * Words of the business's side of a quote: the quote e-mail's facts, the confirmation e-mails of an
 * answer, and the page that says what happens next after accepting or declining.
 */
export const answerLt = {
  'request.mail.attached': 'Prisegta: {files}',
  'request.mail.fact.total': 'Suma su PVM',
  'request.mail.fact.vat': 'iš jos PVM',
  'request.mail.fact.validUntil': 'Galioja iki',
  'request.mail.fact.leadTime': 'Atlikimo terminas',
  'request.mail.fact.leadTimeDays': '{days} darbo d.',
  'request.mail.fact.acceptedBy': 'Priėmė',
  'request.mail.fact.reason': 'Priežastis',
  'request.mail.quote.howToAnswer':
    'Pasiūlymą priimti arba atmesti galite užklausos puslapyje. Pasiūlymo PDF rasite prisegtą prie šio laiško.',
  'request.mail.accepted.subject': 'Pasiūlymą priėmėte: užklausa {reference}',
  'request.mail.accepted.body':
    'Ačiū! Gavome jūsų sutikimą su pasiūlymu (versija {version}) pagal užklausą {reference}.',
  'request.mail.declined.subject': 'Pasiūlymą atmetėte: užklausa {reference}',
  'request.mail.declined.body':
    'Gavome jūsų atsakymą: pasiūlymą (versija {version}) pagal užklausą {reference} atmetėte.',

  'request.next.accepted.schedule': 'Suplanuosime darbą ir parašysime jums, kada jį atliksime.',
  'request.next.accepted.schedule.easy': 'Mes suplanuosime darbą. Parašysime, kada jį padarysime.',
  'request.next.accepted.work': 'Darbas užtruks apie {days} darbo dienas (-ų) nuo suplanavimo.',
  'request.next.accepted.work.easy': 'Darbas užtruks apie {days} darbo dienas.',
  'request.next.accepted.invoice':
    'Atlikę darbą išrašysime sąskaitą. Ją apmokėti galėsite pavedimu arba kortele užklausos puslapyje.',
  'request.next.accepted.invoice.easy':
    'Kai darbas bus baigtas, atsiųsime sąskaitą. Sumokėti galėsite pavedimu arba kortele.',
  'request.next.declined.told': 'Jūsų atsakymą perdavėme mūsų komandai.',
  'request.next.declined.told.easy': 'Jūsų atsakymą gavo mūsų darbuotojai.',
  'request.next.declined.newQuote':
    'Jei parašėte priežastį, galime parengti naują pasiūlymą – jį atsiųsime el. paštu. Nieko daryti nereikia.',
  'request.next.declined.newQuote.easy':
    'Galbūt atsiųsime naują pasiūlymą. Jis ateis elektroniniu paštu. Jums nieko daryti nereikia.',

  'answer.title.accepted': 'Pasiūlymas priimtas',
  'answer.title.declined': 'Pasiūlymas atmestas',
  'answer.heading.accepted': 'Ačiū! Pasiūlymą priėmėte',
  'answer.heading.accepted.easy': 'Ačiū! Jūs sutikote su pasiūlymu',
  'answer.heading.declined': 'Pasiūlymą atmetėte',
  'answer.heading.declined.easy': 'Jūs nesutikote su pasiūlymu',
  'answer.mailSent': 'Patvirtinimą išsiuntėme el. paštu {email}.',
  'answer.mailSent.easy': 'Laišką išsiuntėme adresu {email}.',
  'answer.summary': 'Jūsų atsakymas',
  'answer.reference': 'Užklausa',
  'answer.version': 'Pasiūlymo versija',
  'answer.total': 'Suma su PVM',
  'answer.total.easy': 'Kaina su PVM',
  'answer.acceptedBy': 'Priėmė',
  'answer.reason': 'Priežastis',
  'answer.at': 'Kada',
  'answer.next': 'Kas bus toliau',
  'answer.questions': 'Turite klausimų? Rašykite {email} arba skambinkite {phone}.',
  'answer.questions.easy': 'Turite klausimų? Parašykite {email} arba paskambinkite {phone}.',
  'answer.questionsEmail': 'Turite klausimų? Rašykite {email}.',
  'answer.questionsEmail.easy': 'Turite klausimų? Parašykite {email}.',
  'answer.toRequest': 'Į užklausos puslapį',
  'answer.toRequest.easy': 'Grįžti į užklausos puslapį',
  'answer.downloadPdf': 'Atsisiųsti pasiūlymą (PDF)',
  'answer.downloadPdf.easy': 'Parsisiųsti pasiūlymą',

  'track.attachments': 'Jūsų pridėti failai',
  'track.attachments.easy': 'Jūsų failai',
  'track.attachmentsHint': 'Šiuos failus matote tik jūs ir mūsų darbuotojai.',

  'services.how':
    'Užpildykite trumpą užklausą – per kelias darbo dienas atsiųsime pasiūlymą su kaina ir terminu. Jį priimsite ar atmesite savo užklausos puslapyje.',
  'services.how.easy': 'Užpildykite užklausą. Mes atsiųsime kainą ir terminą. Tada nuspręsite.',
  'services.orWrite': 'Mieliau rašote laišką?',
  'services.orWrite.easy': 'Norite parašyti laišką?',

  'mailKind.request.accepted': 'Pasiūlymas priimtas (patvirtinimas užsakovui)',
  'mailKind.request.declined': 'Pasiūlymas atmestas (patvirtinimas užsakovui)',
} as const;

export const answerEn: Record<keyof typeof answerLt, string> = {
  'request.mail.attached': 'Attached: {files}',
  'request.mail.fact.total': 'Total incl. VAT',
  'request.mail.fact.vat': 'of which VAT',
  'request.mail.fact.validUntil': 'Valid until',
  'request.mail.fact.leadTime': 'Lead time',
  'request.mail.fact.leadTimeDays': '{days} working days',
  'request.mail.fact.acceptedBy': 'Accepted by',
  'request.mail.fact.reason': 'Reason',
  'request.mail.quote.howToAnswer':
    'You can accept or decline the quote on the request page. The quote PDF is attached to this e-mail.',
  'request.mail.accepted.subject': 'You accepted the quote: request {reference}',
  'request.mail.accepted.body':
    'Thank you! We have your acceptance of the quote (version {version}) for request {reference}.',
  'request.mail.declined.subject': 'You declined the quote: request {reference}',
  'request.mail.declined.body':
    'We have your answer: you declined the quote (version {version}) for request {reference}.',

  'request.next.accepted.schedule': 'We will plan the work and write to tell you when it will be done.',
  'request.next.accepted.schedule.easy': 'We will plan the work. We will write when we do it.',
  'request.next.accepted.work': 'The work takes about {days} working days once planned.',
  'request.next.accepted.work.easy': 'The work takes about {days} working days.',
  'request.next.accepted.invoice':
    'When the work is done we issue the invoice; you can pay it by bank transfer or card on the request page.',
  'request.next.accepted.invoice.easy':
    'When the work is done, we send the invoice. You can pay by bank transfer or by card.',
  'request.next.declined.told': 'We have passed your answer to our team.',
  'request.next.declined.told.easy': 'Our staff have your answer.',
  'request.next.declined.newQuote':
    'If you gave a reason, we may prepare a new quote and e-mail it to you. You need not do anything.',
  'request.next.declined.newQuote.easy':
    'We may send you a new offer. It will come by e-mail. You need not do anything.',

  'answer.title.accepted': 'Quote accepted',
  'answer.title.declined': 'Quote declined',
  'answer.heading.accepted': 'Thank you! You accepted the quote',
  'answer.heading.accepted.easy': 'Thank you! You said yes to the offer',
  'answer.heading.declined': 'You declined the quote',
  'answer.heading.declined.easy': 'You said no to the offer',
  'answer.mailSent': 'We have sent a confirmation to {email}.',
  'answer.mailSent.easy': 'We sent an e-mail to {email}.',
  'answer.summary': 'Your answer',
  'answer.reference': 'Request',
  'answer.version': 'Quote version',
  'answer.total': 'Total incl. VAT',
  'answer.total.easy': 'Price with VAT',
  'answer.acceptedBy': 'Accepted by',
  'answer.reason': 'Reason',
  'answer.at': 'When',
  'answer.next': 'What happens next',
  'answer.questions': 'Questions? Write to {email} or call {phone}.',
  'answer.questions.easy': 'Questions? Write to {email} or call {phone}.',
  'answer.questionsEmail': 'Questions? Write to {email}.',
  'answer.questionsEmail.easy': 'Questions? Write to {email}.',
  'answer.toRequest': 'Go to the request page',
  'answer.toRequest.easy': 'Back to the request page',
  'answer.downloadPdf': 'Download the quote (PDF)',
  'answer.downloadPdf.easy': 'Download the offer',

  'track.attachments': 'Files you attached',
  'track.attachments.easy': 'Your files',
  'track.attachmentsHint': 'Only you and our staff can see these files.',

  'services.how':
    'Fill in a short request: within a few working days we send a quote with the price and timing. You accept or decline it on your request page.',
  'services.how.easy': 'Fill in the request. We send you the price and the time. Then you decide.',
  'services.orWrite': 'Rather write an e-mail?',
  'services.orWrite.easy': 'Want to write an e-mail?',

  'mailKind.request.accepted': 'Quote accepted (confirmation to the client)',
  'mailKind.request.declined': 'Quote declined (confirmation to the client)',
};
