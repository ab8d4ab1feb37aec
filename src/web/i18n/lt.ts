import { webEasyLt } from '../easy-messages.ts';
import { catalogEasyLt } from '../../catalog/easy-messages.ts';
import { ordersEasyLt } from '../../orders/easy-messages.ts';
import { servicesEasyLt } from '../../services/easy-messages.ts';
import { siteEasyLt } from '../../site/easy-messages.ts';
import { pickupEasyLt } from '../../settings/easy-messages.ts';
import { csvLt } from '../csv-messages.ts';
import { ledgerCsvLt } from '../../ledger/csv-messages.ts';
import { ordersCsvLt } from '../../orders/csv-messages.ts';
import { stipendsCsvLt } from '../../stipends/csv-messages.ts';
import { ledgerLt } from '../../ledger/messages.ts';
import { ledgerWordsLt } from '../../ledger/words-messages.ts';
import { einvoiceLt } from '../../services/einvoice-messages.ts';
import { periodCloseLt } from '../../stipends/close-messages.ts';
import { lateSaveLt } from '../../participants/late-save-messages.ts';
import { mailLt } from '../../mail/messages.ts';
import { mailLayoutLt } from '../../mail/layout-messages.ts';
import { settingsLogoLt } from '../../settings/logo-messages.ts';
import { answerLt } from '../../services/answer-messages.ts';
import { ordersLt } from '../../orders/messages.ts';
import { ordersAdminLt } from '../../orders/admin-messages.ts';
import { staffOrderLt } from '../../orders/staff-order-messages.ts';
import { orderInvoiceLt } from '../../orders/invoice-messages.ts';
import { servicesLt } from '../../services/messages.ts';
import { invoiceLawLt } from '../../services/invoice-law-messages.ts';
import { participantsLt } from '../../participants/messages.ts';
import { bankLt } from '../../participants/bank-messages.ts';
import { monthLt } from '../../participants/month-messages.ts';
import { stipendsLt } from '../../stipends/messages.ts';
import { checksLt } from '../../stipends/checks-messages.ts';
import { sepaLt } from '../../stipends/sepa-messages.ts';
import { statementLt } from '../../stipends/statement-messages.ts';
import { fairLt } from '../../fair/messages.ts';
import { pdfLt } from '../../pdf/messages.ts';
import { pdfInvoiceLt } from '../../pdf/invoice-messages.ts';
import { notificationsLt } from '../../notifications/messages.ts';
import { siteLt } from '../../site/messages.ts';
import { legalLt } from '../../site/legal-messages.ts';
import { dashboardLt } from '../dashboard-messages.ts';
import { channelsLt } from '../../ledger/channel-messages.ts';
import { impactLt } from '../../impact/messages.ts';
import { ownPageLt } from '../../participants/own-messages.ts';
import { staffEditLt } from '../../staff/messages.ts';
import { searchLt } from '../../catalog/search-messages.ts';
import { pickupLt } from '../../settings/pickup-messages.ts';
import { pickupOrderLt } from '../../orders/pickup-messages.ts';
import { lockersLt } from '../../lockers/messages.ts';
import { checkoutLt } from '../../orders/checkout-messages.ts';
import { cartLt } from '../../orders/cart-messages.ts';

/** Lithuanian: the default language. Every key here must exist in en.ts (the compiler checks). */
export const lt = {
  'nav.skip': 'Pereiti prie turinio',
  'nav.main': 'Pagrindinis meniu',
  'nav.catalogue': 'Prekės',
  'nav.services': 'Paslaugos verslui',
  'nav.admin': 'Valdymas',
  'nav.logout': 'Atsijungti',
  'nav.easyReadOn': 'Lengvai skaitoma',
  'nav.easyReadOff': 'Įprastas vaizdas',
  'nav.breadcrumbs': 'Naršymo kelias',

  'footer.companyCode': 'įmonės kodas',
  'footer.about':
    'Socialinėse dirbtuvėse žmonės su negalia mokosi ir dirba. Už parduotus darbus jie gauna stipendiją.',
  'footer.about.easy': 'Čia dirba žmonės su negalia. Kai perkate, jie gauna pinigų.',
  'footer.staffLogin': 'Darbuotojų prisijungimas',

  'home.title': 'Pradžia',
  'home.intro':
    'Rankų darbo gaminiai iš socialinių dirbtuvių: keramika, žvakės, tekstilė, medžio dirbiniai. Kiekvienas pirkinys padeda dirbtuvių dalyviams.',
  'home.intro.easy': 'Čia galite pirkti daiktus, kuriuos pagamino dirbtuvių žmonės.',
  'home.browse': 'Žiūrėti prekes',
  'home.forBusiness': 'Paslaugos verslui',
  'home.categories': 'Kategorijos',
  'home.newest': 'Naujausi gaminiai',
  'home.allProducts': 'Visos prekės',
  'home.services': 'Paslaugos verslui',
  'home.servicesIntro':
    'Pakuojame, ženkliname, ruošiame dovanų rinkinius įmonių renginiams ir atliekame kitus darbus.',
  'home.servicesIntro.easy': 'Mes galime padaryti darbų įmonėms.',
  'home.allServices': 'Visos paslaugos',

  'catalogue.title': 'Prekės',
  'catalogue.searchLabel': 'Prekių paieška',
  'catalogue.search': 'Paieška',
  'catalogue.category': 'Kategorija',
  'catalogue.allCategories': 'Visos kategorijos',
  'catalogue.sort': 'Rikiuoti',
  'catalogue.sort.newest': 'Naujausi',
  'catalogue.sort.price-asc': 'Kaina: nuo mažiausios',
  'catalogue.sort.price-desc': 'Kaina: nuo didžiausios',
  'catalogue.sort.title': 'Pavadinimas: A–Ž',
  'catalogue.apply': 'Rodyti',
  'catalogue.found.one': 'Rasta {count} prekė',
  'catalogue.found.few': 'Rastos {count} prekės',
  'catalogue.found.many': 'Rasta {count} prekės',
  'catalogue.found.other': 'Rasta {count} prekių',
  'catalogue.noResults': 'Nieko neradome. Pabandykite kitą žodį arba kategoriją.',
  'catalogue.noResults.easy': 'Nieko neradome. Parašykite kitą žodį.',
  'catalogue.empty': 'Prekių dar nėra.',

  'product.priceFrom': 'nuo',
  'product.inStock': 'Yra sandėlyje',
  'product.inStockCount': 'Yra sandėlyje: {count} vnt.',
  'product.soldOut': 'Šiuo metu išparduota',
  'product.madeToOrderDays.one': 'Gaminama užsakius, apie {count} dieną',
  'product.madeToOrderDays.few': 'Gaminama užsakius, apie {count} dienas',
  'product.madeToOrderDays.many': 'Gaminama užsakius, apie {count} dienos',
  'product.madeToOrderDays.other': 'Gaminama užsakius, apie {count} dienų',
  'product.vatIncluded': 'Kaina su {rate} % PVM',
  'product.sku': 'Prekės kodas',
  'product.photoN': '{title}, nuotrauka {n}',

  'services.title': 'Paslaugos verslui',
  'services.intro':
    'Dirbtuvių dalyviai atlieka darbus įmonėms. Parašykite mums, ko reikia, ir pateiksime pasiūlymą su kaina ir terminu.',
  'services.intro.easy': 'Mes dirbame įmonėms. Parašykite mums, ko jums reikia.',
  'services.leadTime.one': 'Įprastas terminas: {count} darbo diena',
  'services.leadTime.few': 'Įprastas terminas: {count} darbo dienos',
  'services.leadTime.many': 'Įprastas terminas: {count} darbo dienos',
  'services.leadTime.other': 'Įprastas terminas: {count} darbo dienų',
  'services.empty': 'Paslaugų sąrašas ruošiamas.',

  'pagination.label': 'Puslapiai',
  'pagination.prev': 'Ankstesnis',
  'pagination.next': 'Kitas',
  'pagination.position': 'Puslapis {page} iš {pages}',

  'login.title': 'Darbuotojų prisijungimas',
  'login.intro': 'Prisijunkite darbo el. paštu ir slaptažodžiu.',
  'login.submit': 'Prisijungti',
  'login.failed': 'Neteisingas el. paštas arba slaptažodis.',
  'login.tooMany': 'Per daug bandymų. Palaukite 15 minučių ir bandykite dar kartą.',

  'account.passwordTitle': 'Slaptažodžio keitimas',
  'account.mustChange': 'Prisijungėte vienkartiniu slaptažodžiu. Prieš tęsdami susikurkite savo slaptažodį.',
  'account.changePassword': 'Pakeisti slaptažodį',
  'account.passwordChanged': 'Slaptažodis pakeistas.',

  'admin.nav': 'Valdymo meniu',
  'dashboard.title': 'Valdymas',
  'dashboard.hello': 'Sveiki, {name}!',
  'dashboard.catalogHint': 'Prekės ir paslaugos, kainos, nuotraukos, skelbimas',
  'dashboard.newGoodHint': 'Įkelti naują gaminį',
  'dashboard.newServiceHint': 'Aprašyti paslaugą verslui',
  'dashboard.staffHint': 'Paskyros, rolės, slaptažodžiai',
  'dashboard.settingsHint': 'Rekvizitai, bankas, PVM',
  'dashboard.passwordHint': 'Pakeisti savo slaptažodį',

  'roles.admin': 'administratorius',
  'roles.marketing': 'rinkodaros specialistas',
  'roles.master': 'gamybos meistras',
  'kinds.good': 'Prekė',
  'kinds.service': 'Paslauga',
  'status.draft': 'Juodraštis',
  'status.published': 'Paskelbta',
  'status.archived': 'Archyvuota',

  'catalogAdmin.title': 'Katalogas',
  'catalogAdmin.newGood': 'Nauja prekė',
  'catalogAdmin.newService': 'Nauja paslauga',
  'catalogAdmin.editTitle': 'Redaguoti',
  'catalogAdmin.kind': 'Tipas',
  'catalogAdmin.allKinds': 'Visi tipai',
  'catalogAdmin.status': 'Būsena',
  'catalogAdmin.activeStatuses': 'Juodraščiai ir paskelbti',
  'catalogAdmin.madeToOrderShort': 'užsakymu',
  'catalogAdmin.backToList': 'Atgal į katalogą',
  'catalogAdmin.viewPublic': 'Žiūrėti parduotuvėje',
  'catalogAdmin.texts': 'Pavadinimas ir aprašymas',
  'catalogAdmin.priceAndIds': 'Kaina ir kodai',
  'catalogAdmin.availability': 'Likutis',
  'catalogAdmin.leadTime': 'Terminas',
  'catalogAdmin.images': 'Nuotraukos',
  'catalogAdmin.currentImages': 'Įkeltos nuotraukos',
  'catalogAdmin.cover': 'Pagrindinė',
  'catalogAdmin.makeCover': 'Padaryti pagrindine',
  'catalogAdmin.removeImage': 'Pašalinti',
  'catalogAdmin.confirmRemoveImage': 'Pašalinti šią nuotrauką?',
  'catalogAdmin.save': 'Išsaugoti',
  'catalogAdmin.create': 'Sukurti',
  'catalogAdmin.created': 'Sukurta: {title}. Kol nepaskelbsite, pirkėjai jos nematys.',
  'catalogAdmin.saved': 'Išsaugota: {title}.',
  'catalogAdmin.visibility': 'Matomumas',
  'catalogAdmin.publish': 'Paskelbti',
  'catalogAdmin.unpublish': 'Nebeskelbti',
  'catalogAdmin.archive': 'Archyvuoti',
  'catalogAdmin.restore': 'Grąžinti iš archyvo',
  'catalogAdmin.delete': 'Ištrinti',
  'catalogAdmin.confirmDelete': 'Ištrinti? Jei prekė jau buvo paskelbta, ji bus archyvuota.',
  'catalogAdmin.deleteHint':
    'Prekė, kuri jau buvo paskelbta, neištrinama, o archyvuojama: ji gali būti užsakymuose ir nuorodose.',
  'catalogAdmin.published': 'Paskelbta: pirkėjai ją jau mato.',
  'catalogAdmin.unpublished': 'Nebeskelbiama.',
  'catalogAdmin.archived': 'Archyvuota.',
  'catalogAdmin.restored': 'Grąžinta iš archyvo kaip juodraštis.',
  'catalogAdmin.deleted': 'Ištrinta.',
  'catalogAdmin.archivedInstead': 'Prekė jau buvo paskelbta, todėl ji archyvuota, o ne ištrinta.',
  'catalogAdmin.imageRemoved': 'Nuotrauka pašalinta.',
  'catalogAdmin.coverChanged': 'Pagrindinė nuotrauka pakeista.',

  'catalog.errors.archivedReadOnly':
    'Archyvuotos prekės keisti negalima. Pirmiausia grąžinkite ją iš archyvo.',
  'catalog.errors.notDraft': 'Paskelbti galima tik juodraštį.',
  'catalog.errors.notPublished': 'Ši prekė neskelbiama.',
  'catalog.errors.alreadyArchived': 'Ši prekė jau archyvuota.',
  'catalog.errors.notArchived': 'Ši prekė nėra archyve.',
  'catalog.errors.concurrentEdit':
    'Kažkas ką tik pakeitė šią prekę. Atnaujinkite puslapį ir bandykite dar kartą.',
  'catalog.errors.categoryInUse': 'Kategorijos ištrinti negalima: joje yra prekių.',

  'categories.title': 'Kategorijos',
  'categories.editTitle': 'Kategorijos redagavimas',
  'categories.new': 'Nauja kategorija',
  'categories.create': 'Sukurti kategoriją',
  'categories.created': 'Kategorija sukurta.',
  'categories.saved': 'Kategorija išsaugota.',
  'categories.deleted': 'Kategorija ištrinta.',
  'categories.delete': 'Ištrinti',
  'categories.confirmDelete': 'Ištrinti šią kategoriją?',
  'categories.empty': 'Kategorijų dar nėra.',
  'categories.actions': 'Veiksmai',

  'staff.title': 'Darbuotojai',
  'staff.new': 'Nauja paskyra',
  'staff.newHint':
    'Sukūrus paskyrą, parodysime vienkartinį slaptažodį. Perduokite jį darbuotojui; prisijungęs jis susikurs savo.',
  'staff.create': 'Sukurti paskyrą',
  'staff.issued': 'Vienkartinis slaptažodis darbuotojui {name} ({email}):',
  'staff.issuedHint': 'Jis rodomas tik dabar. Perduokite jį saugiai; prisijungus reikės jį pakeisti.',
  'staff.lastLogin': 'Paskutinį kartą prisijungė',
  'staff.state': 'Būsena',
  'staff.activeState': 'Aktyvi',
  'staff.disabledState': 'Išjungta',
  'staff.you': 'jūs',
  'staff.disable': 'Išjungti',
  'staff.enable': 'Įjungti',
  'staff.resetPassword': 'Naujas slaptažodis',
  'staff.confirmDisable': 'Išjungti šią paskyrą? Darbuotojas bus atjungtas.',
  'staff.confirmReset': 'Sukurti naują vienkartinį slaptažodį? Senasis nebegalios.',
  'staff.disabled': 'Paskyra išjungta.',
  'staff.enabled': 'Paskyra įjungta.',
  'staff.errors.emailTaken': 'Paskyra su šiuo el. paštu jau yra.',
  'staff.errors.lastAdmin': 'Negalima išjungti paskutinio aktyvaus administratoriaus.',
  'staff.errors.disableSelf': 'Savo paskyros išjungti negalima.',
  'staff.errors.wrongPassword': 'Dabartinis slaptažodis neteisingas.',
  'staff.errors.samePassword': 'Naujas slaptažodis turi skirtis nuo dabartinio.',

  'settings.title': 'Nustatymai',
  'settings.organisation': 'Organizacija',
  'settings.bankAndVat': 'Bankas ir PVM',
  'settings.homeText': 'Tekstas pradžios puslapyje',
  'settings.orders': 'Užsakymai',
  'fields.courierFee': 'Pristatymo kurjeriu kaina su PVM, €',
  'fields.parcelLockerFee': 'Pristatymo į paštomatą kaina su PVM, €',
  'fields.transferDueDays': 'Banko pavedimo terminas, dienomis',
  'fields.transferDueDaysHint': 'Per tiek dienų neapmokėti užsakymai atšaukiami automatiškai.',
  'settings.saved': 'Nustatymai išsaugoti.',

  'fields.title': 'Pavadinimas',
  'fields.titleLt': 'Pavadinimas lietuviškai',
  'fields.titleEn': 'Pavadinimas angliškai',
  'fields.descriptionLt': 'Aprašymas lietuviškai',
  'fields.descriptionEn': 'Aprašymas angliškai',
  'fields.slug': 'Adresas (URL dalis)',
  'fields.slugHint':
    'Mažosios raidės, skaičiai ir brūkšneliai. Jei paliksite tuščią, sukursime iš pavadinimo.',
  'fields.sku': 'Kodas (SKU)',
  'fields.category': 'Kategorija',
  'fields.noCategory': 'Be kategorijos',
  'fields.price': 'Kaina',
  'fields.priceGross': 'Kaina su PVM, €',
  'fields.priceNet': 'Kaina be PVM, €',
  'fields.priceHint': 'Pavyzdžiui, 12,50',
  'fields.vatRate': 'PVM tarifas, %',
  'fields.vatRateHint': 'Jei organizacija nėra PVM mokėtoja, palikite 0.',
  'fields.unitLt': 'Matavimo vienetas lietuviškai',
  'fields.unitEn': 'Matavimo vienetas angliškai',
  'fields.unitHint': 'Pavyzdžiui, „100 vnt.“ arba „valanda“',
  'fields.stock': 'Likutis',
  'fields.stockMode': 'Kaip parduodama',
  'fields.stockModeStock': 'Iš sandėlio (yra pagaminta)',
  'fields.stockModeMadeToOrder': 'Gaminama užsakius',
  'fields.stockQuantity': 'Kiekis sandėlyje',
  'fields.leadTimeDays': 'Gamybos ar atlikimo terminas, dienomis',
  'fields.leadTimeHint': 'Gaminiams užsakymu – būtinas.',
  'fields.image': 'Nuotrauka',
  'fields.addImages': 'Pridėti nuotraukų',
  'fields.imagesHint': 'JPEG, PNG, WebP, AVIF, HEIC arba GIF; iki {max} nuotraukų, kiekviena iki {mb} MB.',
  'fields.imagesAgain': 'Jei buvote pasirinkę nuotraukų, pasirinkite jas dar kartą.',
  'fields.name': 'Vardas ir pavardė',
  'fields.nameLt': 'Pavadinimas lietuviškai',
  'fields.nameEn': 'Pavadinimas angliškai',
  'fields.position': 'Eilės numeris',
  'fields.email': 'El. paštas',
  'fields.password': 'Slaptažodis',
  'fields.currentPassword': 'Dabartinis slaptažodis',
  'fields.newPassword': 'Naujas slaptažodis',
  'fields.confirmPassword': 'Pakartokite naują slaptažodį',
  'fields.passwordHint': 'Ne trumpesnis nei 10 simbolių. Gali būti kelių žodžių frazė.',
  'fields.role': 'Rolė',
  'fields.displayName': 'Pavadinimas svetainėje',
  'fields.legalName': 'Juridinis pavadinimas',
  'fields.companyCode': 'Įmonės kodas',
  'fields.address': 'Adresas',
  'fields.phone': 'Telefonas',
  'fields.iban': 'Banko sąskaita (IBAN)',
  'fields.bankName': 'Bankas',
  'fields.vatPayer': 'Organizacija yra PVM mokėtoja',
  'fields.vatCode': 'PVM mokėtojo kodas',
  'fields.defaultVatRate': 'Numatytasis PVM tarifas, %',
  'fields.pricesIncludeVat': 'Kainos įvedamos su PVM',
  'fields.aboutLt': 'Tekstas lietuviškai',
  'fields.aboutEn': 'Tekstas angliškai',

  'form.errorSummary': 'Patikrinkite pažymėtus laukus',

  'errors.title': 'Kažkas negerai',
  'errors.home': 'Į pradžią',
  'errors.notFound': 'Tokio puslapio nėra.',
  'errors.forbidden': 'Jūsų rolė neleidžia atidaryti šio puslapio.',
  'errors.csrf': 'Forma pasenusi. Atnaujinkite puslapį ir bandykite dar kartą.',
  'errors.badRequest': 'Užklausa neteisinga.',
  'errors.tooLarge': 'Siunčiami duomenys per dideli.',
  'errors.server': 'Įvyko klaida. Bandykite dar kartą po kelių minučių.',
  'errors.required': 'Šis laukas privalomas.',
  'errors.invalid': 'Neteisinga reikšmė.',
  'errors.invalidChoice': 'Pasirinkite vieną iš galimų reikšmių.',
  'errors.tooShort': 'Per trumpa: reikia bent {min} simbolių.',
  'errors.tooLong': 'Per ilga: ne daugiau kaip {max} simbolių.',
  'errors.tooSmall': 'Per maža reikšmė.',
  'errors.tooBig': 'Per didelė reikšmė.',
  'errors.email': 'Įrašykite el. pašto adresą, pvz., vardas@imone.lt.',
  'errors.amount': 'Įrašykite sumą eurais, pvz., 12,50.',
  'errors.amountRange': 'Suma turi būti nuo 0 iki 100 000 €.',
  'errors.wholeNumber': 'Įrašykite sveikąjį skaičių.',
  'errors.numberRange': 'Skaičius už leistinų ribų.',
  'errors.vatRate': 'Įrašykite PVM tarifą procentais nuo 0 iki 100, pvz., 21.',
  'errors.slug': 'Tik mažosios lotyniškos raidės, skaičiai ir brūkšneliai.',
  'errors.slugTaken': 'Šis adresas jau naudojamas.',
  'errors.sku': 'Tik raidės, skaičiai, taškai, brūkšneliai ir pabraukimai.',
  'errors.skuTaken': 'Šis kodas jau naudojamas.',
  'errors.leadTimeRequired': 'Gaminiams užsakymu nurodykite terminą (bent 1 diena).',
  'errors.imageType': 'Failas „{name}“ nėra palaikomo formato nuotrauka (JPEG, PNG, WebP, AVIF, HEIC, GIF).',
  'errors.imageBroken': 'Nuotraukos „{name}“ nepavyko atidaryti: failas sugadintas arba per didelės raiškos.',
  'errors.imageTooLarge': 'Nuotrauka per didelė: kiekviena turi būti ne didesnė nei {max} MB.',
  'errors.tooManyImages': 'Per daug nuotraukų: iš viso leidžiama {max}.',
  'errors.uploadFailed': 'Failų įkelti nepavyko. Bandykite dar kartą.',
  'errors.companyCode': 'Įmonės kodą sudaro 9 (arba senesnis – 7) skaitmenys.',
  'errors.vatCode': 'PVM kodas: LT ir 9 arba 12 skaitmenų.',
  'errors.vatCodeRequired': 'PVM mokėtojui PVM kodas privalomas.',
  'errors.phone': 'Įrašykite telefono numerį, pvz., +370 600 00000.',
  'errors.iban': 'Neteisingas IBAN. Patikrinkite sąskaitos numerį.',
  'errors.passwordTooShort': 'Slaptažodis per trumpas: reikia bent 10 simbolių.',
  'errors.passwordMismatch': 'Slaptažodžiai nesutampa.',
  // The database did not answer in time (503)
  'errors.unavailable': 'Šiuo metu negalime atsakyti. Pabandykite dar kartą po kelių akimirkų.',
  'errors.unavailable.easy': 'Dabar neveikia. Palaukite truputį ir bandykite dar kartą.',
  // Organisation settings
  'settings.errors.displayNameOneLine':
    'Pavadinimą parašykite vienoje eilutėje (jis rodomas el. laiškų siuntėjo lauke).',

  // E-mails by kind and language, as staff read them (outbox, timelines).
  'mailKind.order.received': 'Užsakymas gautas',
  'mailKind.order.paid': 'Užsakymas apmokėtas',
  'mailKind.order.ready': 'Užsakymas paruoštas',
  'mailKind.order.cancelled': 'Užsakymas atšauktas',
  'mailKind.order.refunded': 'Pinigai grąžinti',
  'mailKind.order.link': 'Užsakymo nuoroda',
  'mailKind.request.received': 'Užklausa gauta',
  'mailKind.request.quote': 'Pasiūlymas',
  'mailKind.request.invoice': 'Sąskaita faktūra',
  'mailKind.request.creditNote': 'Kreditinė sąskaita',
  'mailKind.unknown': 'Kitas laiškas',
  'mailKind.inLang': '{kind}, {lang}',
  'mailLang.lt': 'lietuviškai',
  'mailLang.en': 'angliškai',
  ...ordersLt,
  ...ordersAdminLt,
  ...staffOrderLt,
  ...orderInvoiceLt,
  ...ledgerLt,
  ...ledgerWordsLt,
  ...periodCloseLt,
  ...lateSaveLt,
  ...mailLt,
  ...mailLayoutLt,
  ...settingsLogoLt,
  ...answerLt,
  ...servicesLt,
  ...einvoiceLt,
  ...invoiceLawLt,
  ...participantsLt,
  ...bankLt,
  ...monthLt,
  ...stipendsLt,
  ...checksLt,
  ...sepaLt,
  ...statementLt,
  ...fairLt,
  ...pdfLt,
  ...pdfInvoiceLt,
  ...notificationsLt,
  ...siteLt,
  ...legalLt,
  ...dashboardLt,
  ...channelsLt,
  ...staffEditLt,
  ...searchLt,
  ...pickupLt,
  ...pickupOrderLt,
  ...lockersLt,
  ...checkoutLt,
  ...cartLt,
  ...csvLt,
  ...ledgerCsvLt,
  ...ordersCsvLt,
  ...stipendsCsvLt,
  ...webEasyLt,
  ...catalogEasyLt,
  ...ordersEasyLt,
  ...servicesEasyLt,
  ...siteEasyLt,
  ...impactLt,
  ...ownPageLt,
  ...pickupEasyLt,

  // One-time form keys (src/web/form-once.ts)
  'forms.errors.formKey': 'Šis puslapis pasenęs. Atnaujinkite jį ir pateikite formą dar kartą.',
  'forms.pending': 'Ši forma jau pateikta ir dar tvarkoma. Po akimirkos atnaujinkite puslapį.',
  // The back-office layout (views/layouts/admin.hbs, src/web/staff-layout.ts)
  'staffLayout.menu': 'Meniu',
  'staffLayout.toShop': 'Į parduotuvę',
  'staffLayout.account': 'Jūsų paskyra',
} as const satisfies Record<string, string>;
