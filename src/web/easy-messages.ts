/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the layout's, the forms' and the error
 * pages' messages. Kept apart from the standard texts so both can change without clashing.
 */
export const webEasyLt = {
  'nav.breadcrumbs.easy': 'Kur jūs esate',
  'form.errorSummary.easy': 'Pataisykite šias vietas:',

  'errors.csrf.easy': 'Puslapis per senas. Atnaujinkite jį ir bandykite dar kartą.',
  'errors.badRequest.easy': 'Kažkas negerai su tuo, ką atsiuntėte. Bandykite dar kartą.',
  'errors.tooLarge.easy': 'Atsiuntėte per daug. Atsiųskite mažiau.',
  'errors.server.easy': 'Pas mus kažkas sugedo. Bandykite vėl po kelių minučių.',
  'errors.required.easy': 'Užpildykite šį laukelį.',
  'errors.invalid.easy': 'Čia parašyta netinkamai. Pataisykite.',
  'errors.invalidChoice.easy': 'Pasirinkite vieną.',
  'errors.tooShort.easy': 'Parašykite daugiau. Reikia bent {min} ženklų.',
  'errors.tooLong.easy': 'Per ilgai. Galima ne daugiau kaip {max} ženklų.',
  'errors.tooSmall.easy': 'Skaičius per mažas.',
  'errors.tooBig.easy': 'Skaičius per didelis.',
  'errors.email.easy': 'Parašykite elektroninio pašto adresą. Pavyzdžiui: vardas@imone.lt',
  'errors.wholeNumber.easy': 'Parašykite skaičių be kablelio, pavyzdžiui 3.',
  'errors.numberRange.easy': 'Šis skaičius netinka.',
  'errors.phone.easy': 'Parašykite telefono numerį. Pavyzdžiui: +370 600 00000',
  'errors.companyCode.easy': 'Įmonės kodas turi 9 skaitmenis. Seni kodai turi 7.',

  'forms.errors.formKey.easy': 'Puslapis per senas. Atnaujinkite jį ir siųskite dar kartą.',
  'forms.pending.easy': 'Forma jau išsiųsta. Palaukite truputį ir atnaujinkite puslapį.',
} as const satisfies Record<string, string>;

export const webEasyEn: Record<keyof typeof webEasyLt, string> = {
  'nav.breadcrumbs.easy': 'Where you are',
  'form.errorSummary.easy': 'Please fix these things:',

  'errors.csrf.easy': 'This page is too old. Reload it and try again.',
  'errors.badRequest.easy': 'Something is wrong with what you sent. Try again.',
  'errors.tooLarge.easy': 'You sent too much. Send less.',
  'errors.server.easy': 'Something broke on our side. Try again in a few minutes.',
  'errors.required.easy': 'Please fill this in.',
  'errors.invalid.easy': 'This is not right. Please fix it.',
  'errors.invalidChoice.easy': 'Choose one.',
  'errors.tooShort.easy': 'Write more. It needs at least {min} letters.',
  'errors.tooLong.easy': 'Too long. Write at most {max} letters.',
  'errors.tooSmall.easy': 'The number is too small.',
  'errors.tooBig.easy': 'The number is too big.',
  'errors.email.easy': 'Write your e-mail address. For example: name@company.lt',
  'errors.wholeNumber.easy': 'Write a number without a point, like 3.',
  'errors.numberRange.easy': 'This number does not fit.',
  'errors.phone.easy': 'Write your phone number. For example: +370 600 00000',
  'errors.companyCode.easy': 'A company code has 9 digits. Old codes have 7.',

  'forms.errors.formKey.easy': 'This page is too old. Reload it and send it again.',
  'forms.pending.easy': 'The form is already sent. Wait a little and reload the page.',
};
