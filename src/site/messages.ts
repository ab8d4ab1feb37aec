/**
 * Messages of the public site's own pages: page descriptions for search engines and shared links,
 * the footer's links, the filters button on phones, the accessibility statement with its feedback
 * form, the staff list of feedback and its staff e-mail (merged into the LT/EN dictionaries).
 */
export const siteLt = {
  'meta.description':
    'Socialinių dirbtuvių rankų darbo gaminiai ir paslaugos verslui. Kiekvienas pirkinys padeda dirbtuvių dalyviams su negalia.',

  'footer.legal': 'Teisinė informacija',
  'footer.returns': 'Grąžinimas ir sutarties atsisakymas',
  'footer.privacy': 'Privatumo pranešimas',
  'footer.accessibility': 'Prieinamumo deklaracija',

  'catalogue.filters': 'Paieška ir filtrai',

  'a11y.title': 'Prieinamumo deklaracija',
  'a11y.description': 'Kiek ši parduotuvė atitinka WCAG 2.1 AA, ko dar trūksta ir kaip pranešti apie kliūtį.',
  'a11y.intro':
    '{name} siekia, kad šia svetaine galėtų naudotis visi, taip pat žmonės su negalia. Ši deklaracija taikoma viešajai svetainės daliai: prekėms, krepšeliui, užsakymui, paslaugų verslui užklausoms ir užsakymo sekimui.',
  'a11y.intro.easy':
    '{name} nori, kad svetaine galėtų naudotis visi žmonės. Čia rašome, kas jau veikia ir kas dar ne.',
  'a11y.statusHeading': 'Atitikties būklė',
  'a11y.status':
    'Svetainė iš dalies atitinka WCAG 2.1 AA lygio reikalavimus (standartas LST EN 301 549). Žemiau išvardyta, kas dar neatitinka.',
  'a11y.status.easy': 'Svetainė beveik atitinka prieinamumo taisykles. Kelių dalykų dar trūksta.',
  'a11y.doneHeading': 'Kas padaryta',
  'a11y.done1': 'Visus puslapius galima naudoti tik klaviatūra; pirmoji nuoroda veda tiesiai į turinį.',
  'a11y.done1.easy': 'Svetaine galima naudotis be pelės, tik klaviatūra.',
  'a11y.done2':
    'Kiekvieno puslapio prieinamumas tikrinamas automatiniais testais (axe-core) prieš kiekvieną atnaujinimą, kompiuterio ir telefono ekrane.',
  'a11y.done2.easy': 'Kiekvieną puslapį tikriname kompiuteriu prieš kiekvieną pakeitimą.',
  'a11y.done3': 'Yra lengvai skaitoma versija (mygtukas „Lengvai skaitoma“ viršuje) ir anglų kalba.',
  'a11y.done3.easy': 'Yra lengvai skaitomas tekstas. Yra ir anglų kalba.',
  'a11y.done4':
    'Formų klaidos rodomos prie kiekvieno lauko ir išvardytos viršuje su nuorodomis į laukus; puslapiai telpa telefono ekrane be slinkimo į šoną.',
  'a11y.done4.easy': 'Jei formoje yra klaida, ją parodome prie laukelio. Puslapiai telpa telefono ekrane.',
  'a11y.gapsHeading': 'Žinomi trūkumai',
  'a11y.gap1':
    'Prekių nuotraukų tekstinis aprašymas yra tik prekės pavadinimas: nuotraukoje matomos detalės (spalva, dydis) aprašytos prekės aprašyme.',
  'a11y.gap1.easy': 'Nuotraukos aprašytos tik prekės pavadinimu.',
  'a11y.gap2':
    'PDF dokumentai (pasiūlymai, sąskaitos faktūros) nėra pažymėti ekrano skaitytuvams (neturi struktūros žymių). Tą pačią informaciją rasite užklausos puslapyje arba paprašę el. paštu.',
  'a11y.gap2.easy': 'PDF dokumentus sunku skaityti ekrano skaitytuvu. Paprašykite, ir atsiųsime tekstą.',
  'a11y.gap3':
    'Mokėjimas kortele vyksta „Stripe“ mokėjimo puslapyje, kurio prieinamumą užtikrina „Stripe“, ne mes. Galite mokėti ir banko pavedimu ar atsiimdami.',
  'a11y.gap3.easy': 'Mokėjimas kortele vyksta kitos įmonės puslapyje. Galite mokėti ir kitaip.',
  'a11y.gap4': 'Vaizdo įrašų su gestų kalba ar subtitrais neturime (svetainėje vaizdo įrašų nėra).',
  'a11y.gap4.easy': 'Gestų kalbos vaizdo įrašų nėra.',
  'a11y.preparedHeading': 'Kaip parengta ši deklaracija',
  'a11y.prepared':
    'Deklaraciją parengėme patys, įvertinę svetainę pagal WCAG 2.1 AA: automatiniai testai kiekviename puslapyje kompiuterio ir telefono ekrane, naršymas tik klaviatūra. Peržiūrime ją kiekvieną kartą, kai svetainė reikšmingai keičiasi.',
  'a11y.prepared.easy': 'Svetainę patikrinome patys. Tikriname vėl, kai ją keičiame.',
  'a11y.feedbackHeading': 'Praneškite apie kliūtį',
  'a11y.feedbackIntro':
    'Jei ko nors nepavyko padaryti ar perskaityti, parašykite mums. Žinutę gaus dirbtuvių darbuotojai; jei nurodysite el. paštą, atsakysime per 10 darbo dienų. Galite ir skambinti ar rašyti:',
  'a11y.feedbackIntro.easy': 'Ar kažkas neveikia? Parašykite mums. Atsakysime per 10 darbo dienų.',
  'a11y.field.message': 'Kas neveikė?',
  'a11y.field.messageHint': 'Pavyzdžiui: „Negaliu pasirinkti paštomato klaviatūra.“',
  'a11y.field.messageHint.easy': 'Parašykite, ką norėjote padaryti.',
  'a11y.field.page': 'Kuriame puslapyje?',
  'a11y.field.pageHint': 'Puslapio pavadinimas arba adresas (nebūtina).',
  'a11y.field.pageHint.easy': 'Galite nerašyti.',
  'a11y.field.name': 'Jūsų vardas',
  'a11y.field.email': 'El. paštas atsakymui',
  'a11y.field.emailHint': 'Nebūtina. Jei nenurodysite, negalėsime atsakyti.',
  'a11y.field.emailHint.easy': 'Galite nerašyti. Tada negalėsime atsakyti.',
  'a11y.send': 'Siųsti pranešimą',
  'a11y.sent': 'Ačiū! Jūsų pranešimą gavome ir perdavėme darbuotojams.',
  'a11y.sent.easy': 'Ačiū! Žinutę gavome.',
  'a11y.privacy': 'Kaip saugome jūsų žinutę, rašome privatumo pranešime.',
  'a11y.enforcementHeading': 'Jei atsakymas jūsų netenkina',
  'a11y.enforcement':
    'Galite kreiptis į Valstybinę vartotojų teisių apsaugos tarnybą (www.vvtat.lt), kuri prižiūri elektroninės prekybos paslaugų prieinamumą ir nagrinėja vartotojų skundus.',
  'a11y.enforcement.easy':
    'Galite skųstis valstybės tarnybai. Ji vadinasi Vartotojų teisių apsaugos tarnyba.',
  'a11y.updated': 'Deklaracija atnaujinta 2026 m. gruodžio 2 d.',

  'a11y.staff.title': 'Pranešimai apie prieinamumą',
  'a11y.staff.navLabel': 'Prieinamumo pranešimai',
  'a11y.staff.intro':
    'Lankytojų pranešimai iš prieinamumo deklaracijos formos, naujausi viršuje. Saugomi {days} d.',
  'a11y.staff.empty': 'Pranešimų nėra.',
  'a11y.staff.when': 'Gauta',
  'a11y.staff.page': 'Puslapis',
  'a11y.staff.message': 'Pranešimas',
  'a11y.staff.from': 'Nuo',
  'a11y.staff.mode': 'Vaizdas',
  'a11y.staff.easyRead': 'lengvai skaitomas',
  'a11y.staff.standard': 'įprastas',
  'a11y.staff.lang.lt': 'lietuvių kalba',
  'a11y.staff.lang.en': 'anglų kalba',

  'staffMail.accessibilityFeedback.subject': 'Pranešimas apie prieinamumą ({page})',
  'staffMail.accessibilityFeedback.body': 'Lankytojas ({name}) pranešė apie prieinamumo kliūtį.',
  'mailKind.staff.accessibilityFeedback': 'Darbuotojui: pranešimas apie prieinamumą',
};

export const siteEn: Record<keyof typeof siteLt, string> = {
  'meta.description':
    'Handmade goods and services for businesses from a social workshop. Every purchase supports its participants with disabilities.',

  'footer.legal': 'Legal information',
  'footer.returns': 'Returns and withdrawal',
  'footer.privacy': 'Privacy notice',
  'footer.accessibility': 'Accessibility statement',

  'catalogue.filters': 'Search and filters',

  'a11y.title': 'Accessibility statement',
  'a11y.description':
    'How far this shop meets WCAG 2.1 AA, what is still missing and how to report a barrier.',
  'a11y.intro':
    '{name} wants everyone, people with disabilities included, to be able to use this website. This statement covers the public part of the site: the goods, the cart, checkout, requests for business services and order tracking.',
  'a11y.intro.easy':
    '{name} wants everyone to be able to use this website. Here we say what works and what does not yet.',
  'a11y.statusHeading': 'Compliance status',
  'a11y.status':
    'The website partially conforms to WCAG 2.1 level AA (the standard EN 301 549). The parts that do not yet conform are listed below.',
  'a11y.status.easy': 'The website almost follows the accessibility rules. A few things are still missing.',
  'a11y.doneHeading': 'What is done',
  'a11y.done1': 'Every page can be used with a keyboard alone; the first link goes straight to the content.',
  'a11y.done1.easy': 'You can use the website without a mouse, only with a keyboard.',
  'a11y.done2':
    'Every page is checked by automated accessibility tests (axe-core) before each update, on a computer and a phone screen.',
  'a11y.done2.easy': 'A computer checks every page before each change.',
  'a11y.done3': 'There is an easy-read version (the "Easy read" button at the top) and a Lithuanian one.',
  'a11y.done3.easy': 'There is easy-read text. There is also Lithuanian.',
  'a11y.done4':
    'Form errors are shown at each field and listed at the top with links to the fields; pages fit a phone screen without scrolling sideways.',
  'a11y.done4.easy': 'We show each mistake in a form next to its box. Pages fit a phone screen.',
  'a11y.gapsHeading': 'Known gaps',
  'a11y.gap1':
    "Product photos are described only by the product's name: details seen in a photo (colour, size) are in the product's description.",
  'a11y.gap1.easy': 'Photos are described only by the product name.',
  'a11y.gap2':
    'PDF documents (quotes, invoices) are not tagged for screen readers. The same information is on the request page, or we send it by e-mail on request.',
  'a11y.gap2.easy': 'PDF files are hard to read with a screen reader. Ask us, and we send the text.',
  'a11y.gap3':
    "Card payments happen on Stripe's payment page, whose accessibility Stripe is responsible for. You can also pay by bank transfer or at pickup.",
  'a11y.gap3.easy': 'Card payments happen on another company’s page. You can pay in other ways too.',
  'a11y.gap4': 'There are no videos with sign language or captions (the site has no videos).',
  'a11y.gap4.easy': 'There are no sign language videos.',
  'a11y.preparedHeading': 'How this statement was prepared',
  'a11y.prepared':
    'We prepared it ourselves, assessing the site against WCAG 2.1 AA: automated tests on every page on a computer and a phone screen, and using it with a keyboard alone. We review it whenever the site changes significantly.',
  'a11y.prepared.easy': 'We checked the website ourselves. We check again when we change it.',
  'a11y.feedbackHeading': 'Report a barrier',
  'a11y.feedbackIntro':
    'If you could not do or read something, write to us. The workshop staff receive your message; if you give an e-mail address, we answer within 10 working days. You can also call or write:',
  'a11y.feedbackIntro.easy': 'Does something not work? Write to us. We answer within 10 working days.',
  'a11y.field.message': 'What did not work?',
  'a11y.field.messageHint': 'For example: "I cannot choose a parcel locker with the keyboard."',
  'a11y.field.messageHint.easy': 'Write what you wanted to do.',
  'a11y.field.page': 'On which page?',
  'a11y.field.pageHint': "The page's title or address (optional).",
  'a11y.field.pageHint.easy': 'You can leave this empty.',
  'a11y.field.name': 'Your name',
  'a11y.field.email': 'E-mail for our answer',
  'a11y.field.emailHint': 'Optional. Without it we cannot answer you.',
  'a11y.field.emailHint.easy': 'You can leave this empty. Then we cannot answer.',
  'a11y.send': 'Send',
  'a11y.sent': 'Thank you! We received your message and passed it to the staff.',
  'a11y.sent.easy': 'Thank you! We got your message.',
  'a11y.privacy': 'How we keep your message is in the privacy notice.',
  'a11y.enforcementHeading': 'If our answer does not satisfy you',
  'a11y.enforcement':
    'You can turn to the State Consumer Rights Protection Authority of Lithuania (www.vvtat.lt), which supervises the accessibility of e-commerce services and handles consumer complaints.',
  'a11y.enforcement.easy': 'You can complain to a state office. It protects buyers’ rights.',
  'a11y.updated': 'Statement updated on 2 December 2026.',

  'a11y.staff.title': 'Accessibility feedback',
  'a11y.staff.navLabel': 'Accessibility feedback',
  'a11y.staff.intro': 'Messages from the accessibility statement form, newest first. Kept for {days} days.',
  'a11y.staff.empty': 'No messages.',
  'a11y.staff.when': 'Received',
  'a11y.staff.page': 'Page',
  'a11y.staff.message': 'Message',
  'a11y.staff.from': 'From',
  'a11y.staff.mode': 'View',
  'a11y.staff.easyRead': 'easy read',
  'a11y.staff.standard': 'standard',
  'a11y.staff.lang.lt': 'Lithuanian',
  'a11y.staff.lang.en': 'English',

  'staffMail.accessibilityFeedback.subject': 'Accessibility feedback ({page})',
  'staffMail.accessibilityFeedback.body': 'A visitor ({name}) reported an accessibility barrier.',
  'mailKind.staff.accessibilityFeedback': 'To staff: accessibility feedback',
};
