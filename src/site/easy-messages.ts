/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the headings, labels and notes of the
 * accessibility statement, the privacy notice and the returns page. The variants of their paragraphs
 * sit beside the standard texts in messages.ts and legal-messages.ts. The model withdrawal form's own
 * lines have none: their wording is fixed by law (LEGALLY_FIXED in src/web/easy-read-plain.ts).
 */
export const siteEasyLt = {
  'a11y.statusHeading.easy': 'Ar svetainė atitinka taisykles',
  'a11y.gapsHeading.easy': 'Ko dar trūksta',
  'a11y.preparedHeading.easy': 'Kaip tikrinome svetainę',
  'a11y.updated.easy': 'Šį tekstą atnaujinome 2026 metų gruodžio 2 dieną.',
  'a11y.feedbackHeading.easy': 'Parašykite, kas neveikia',
  'a11y.field.email.easy': 'Elektroninis paštas atsakymui',

  'returns.rightHeading.easy': 'Grąžinti galima per 14 dienų',
  'returns.howHeading.easy': 'Kaip grąžinti prekę',
  'returns.effectsHeading.easy': 'Kas vyksta, kai grąžinate prekę',
  'returns.exceptionsHeading.easy': 'Ko grąžinti negalima',
  'returns.exceptionsLaw.easy':
    'Taip sako Lietuvos Civilinio kodekso 6.228¹⁰ straipsnis. Taip sako ir Direktyvos 2011/83/ES 16 straipsnis.',
  'returns.faultyHeading.easy': 'Jei prekė sugedusi',
  'returns.formHeading.easy': 'Forma prekei grąžinti',
  'returns.formNote.easy':
    'Šios formos žodžius nustato Direktyva 2011/83/ES. Jų keisti negalime. Parašykite ir užsakymo numerį.',
} as const satisfies Record<string, string>;

export const siteEasyEn: Record<keyof typeof siteEasyLt, string> = {
  'a11y.statusHeading.easy': 'Does the website follow the rules?',
  'a11y.gapsHeading.easy': 'What is still missing',
  'a11y.preparedHeading.easy': 'How we checked the website',
  'a11y.updated.easy': 'We updated this text on 2 December 2026.',
  'a11y.feedbackHeading.easy': 'Tell us what does not work',
  'a11y.field.email.easy': 'Your e-mail address for our answer',

  'returns.rightHeading.easy': 'You can return within 14 days',
  'returns.howHeading.easy': 'How to return a product',
  'returns.effectsHeading.easy': 'What happens when you return a product',
  'returns.exceptionsHeading.easy': 'What you cannot return',
  'returns.exceptionsLaw.easy':
    'The Lithuanian Civil Code says so in Article 6.228¹⁰. Directive 2011/83/EU says so in Article 16.',
  'returns.faultyHeading.easy': 'If a product is broken',
  'returns.formHeading.easy': 'A form to return a product',
  'returns.formNote.easy':
    'Directive 2011/83/EU sets the words of this form. We cannot change them. Also write your order number.',
};
