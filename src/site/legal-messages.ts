/**
 * The privacy notice and the returns page with the 14-day right of withdrawal and the model
 * withdrawal form of Directive 2011/83/EU, Annex I(B), in its official Lithuanian and English words
 * (merged into the LT/EN dictionaries). The privacy notice says what the app keeps: keep it true
 * when a model or a retention rule changes.
 */
export const legalLt = {
  'privacy.title': 'Privatumo pranešimas',
  'privacy.description': 'Kokius asmens duomenis saugome, kodėl, kiek laiko ir kokias teises turite.',
  'privacy.controller':
    'Jūsų duomenų valdytojas: {name}, įmonės kodas {code}, {address}. Klausimais apie duomenis rašykite {email}.',
  'privacy.controller.easy':
    'Jūsų duomenis saugo {name}. Įmonės kodas: {code}. Adresas: {address}. Klausimus rašykite {email}.',
  'privacy.whatHeading': 'Ką saugome ir kodėl',
  'privacy.orders':
    'Užsakymai: vardas, el. paštas, telefonas, pristatymo adresas arba paštomatas, pastaba, ką nusipirkote ir kaip sumokėjote; jei prašote PVM sąskaitos faktūros – įmonės pavadinimas, kodas, PVM kodas ir adresas. Kad įvykdytume sutartį (BDAR 6 str. 1 d. b p.) ir tvarkytume buhalterinę apskaitą (c p.).',
  'privacy.orders.easy':
    'Kai perkate, saugome jūsų vardą, telefoną ir adresą. Saugome ir elektroninio pašto adresą.',
  'privacy.card':
    'Mokėjimas kortele: kortelės duomenis įvedate „Stripe“ puslapyje; mes gauname tik mokėjimo numerį ir ar jis pavyko, kortelės numerio negauname.',
  'privacy.card.easy': 'Kortelės numerio mes nematome. Jį mato tik mokėjimų įmonė „Stripe“.',
  'privacy.requests':
    'Paslaugų verslui užklausos: įmonės duomenys, kontaktinis asmuo, el. paštas, telefonas, darbo aprašymas ir pridėti failai. Kad parengtume pasiūlymą ir atliktume darbą (b p.).',
  'privacy.requests.easy': 'Kai įmonė prašo darbo, saugome jos kontaktus ir atsiųstus failus.',
  'privacy.mail':
    'Laiškai, kuriuos jums siunčiame (užsakymo patvirtinimai, nuorodos), saugomi su užsakymu ar užklausa, kad galėtume juos persiųsti ir įrodyti, kas išsiųsta.',
  'privacy.mail.easy': 'Saugome laiškus, kuriuos jums siunčiame.',
  'privacy.feedback':
    'Pranešimai apie prieinamumą: žinutė ir, jei nurodote, vardas ir el. paštas – kad ištaisytume kliūtį ir jums atsakytume (teisėtas interesas, f p.).',
  'privacy.feedback.easy': 'Jei pranešate apie kliūtį, saugome jūsų žinutę.',
  'privacy.cookies':
    'Slapukai: kalba ir lengvai skaitomas vaizdas (1 metai), krepšelio sesija (8 valandos nuo paskutinio apsilankymo), formų apsaugos slapukas. Tai būtini slapukai; statistikos, reklamos ar kitų įmonių sekimo slapukų nenaudojame.',
  'privacy.cookies.easy': 'Naudojame tik būtinus slapukus. Reklamos slapukų nėra.',
  'privacy.abuse':
    'Apsauga nuo piktnaudžiavimo: kiek kartų iš jūsų interneto adreso pateiktos formos, skaičiuojame 15 minučių, paskui tai ištriname. Serverio žurnaluose interneto adresų nerašome.',
  'privacy.abuse.easy': 'Jūsų interneto adresą saugome tik 15 minučių.',
  'privacy.howLongHeading': 'Kiek laiko saugome',
  'privacy.keepOrders':
    'Užsakymus, sąskaitas ir mokėjimus – 10 metų, kaip reikalauja buhalterinės apskaitos dokumentų saugojimo taisyklės.',
  'privacy.keepOrders.easy': 'Užsakymus saugome 10 metų. Taip reikalauja įstatymas.',
  'privacy.keepAttachments':
    'Atšauktų ar atmestų užklausų pridėtus failus ištriname po {days} d.; pati užklausa lieka kaip įrašas.',
  'privacy.keepAttachments.easy': 'Atmestų užklausų failus ištriname po {days} dienų.',
  'privacy.keepFeedback': 'Pranešimus apie prieinamumą ištriname po {days} d.',
  'privacy.keepFeedback.easy': 'Pranešimus apie kliūtis ištriname po {days} dienų.',
  'privacy.whoHeading': 'Kas dar gauna duomenis',
  'privacy.who':
    '„Stripe“ (mokėjimai kortele), kurjerių ar paštomatų įmonė (vardas, telefonas ir adresas, kai pasirenkate pristatymą), el. pašto paslaugų teikėjas, mūsų buhalteris. Duomenų neparduodame ir reklamai neperduodame.',
  'privacy.who.easy': 'Duomenis gauna tik tie, kam jų reikia: mokėjimų įmonė, kurjeris, buhalteris.',
  'privacy.participants':
    'Dirbtuvių dalyvių duomenys svetainėje neskelbiami; apie jų tvarkymą dalyviai informuojami atskirai.',
  'privacy.participants.easy': 'Dirbtuvių žmonių duomenų svetainėje neskelbiame.',
  'privacy.rightsHeading': 'Jūsų teisės',
  'privacy.rights':
    'Galite prašyti susipažinti su savo duomenimis, juos ištaisyti, ištrinti (kai įstatymas neįpareigoja jų saugoti), apriboti jų tvarkymą, nesutikti su tvarkymu ir gauti juos perkelti. Rašykite mums; atsakysime per mėnesį.',
  'privacy.rights.easy': 'Galite paprašyti parodyti, pataisyti ar ištrinti savo duomenis. Parašykite mums.',
  'privacy.complaint':
    'Jei manote, kad duomenis tvarkome netinkamai, galite skųstis Valstybinei duomenų apsaugos inspekcijai (vdai.lrv.lt).',
  'privacy.complaint.easy': 'Galite skųstis Valstybinei duomenų apsaugos inspekcijai.',

  'returns.title': 'Grąžinimas ir sutarties atsisakymas',
  'returns.description':
    'Per 14 dienų galite atsisakyti pirkimo be priežasties. Kaip tai padaryti, pavyzdinė forma ir išimtys.',
  'returns.rightHeading': 'Teisė atsisakyti sutarties per 14 dienų',
  'returns.right':
    'Jūs turite teisę per 14 dienų atsisakyti šios sutarties nenurodydami priežasties. Terminas baigiasi praėjus 14 dienų nuo dienos, kurią jūs arba jūsų nurodyta trečioji šalis (ne vežėjas) gavote prekes.',
  'returns.right.easy': 'Prekę galite grąžinti per 14 dienų. Priežasties sakyti nereikia.',
  'returns.howHeading': 'Kaip atsisakyti',
  'returns.how':
    'Praneškite mums ({name}, {address}, {email}, {phone}) aiškiu pareiškimu, pvz., laišku ar el. paštu. Galite naudoti žemiau pateiktą pavyzdinę formą, bet tai neprivaloma. Pakanka, kad pranešimą išsiųstumėte nepasibaigus terminui.',
  'returns.how.easy':
    'Parašykite mums per 14 dienų nuo prekės gavimo. Mes esame {name}. Adresas: {address}. Elektroninis paštas: {email}. Telefonas: {phone}. Galite naudoti formą žemiau. Nurodykite užsakymo numerį.',
  'returns.effectsHeading': 'Ką darome, kai atsisakote',
  'returns.effects':
    'Grąžiname visus gautus mokėjimus, įskaitant įprasto pristatymo kainą, nedelsdami ir ne vėliau kaip per 14 dienų nuo pranešimo gavimo, tuo pačiu mokėjimo būdu, kuriuo mokėjote. Pinigus galime grąžinti, kai gauname prekes atgal arba įrodymą, kad jas išsiuntėte.',
  'returns.effects.easy': 'Pinigus grąžiname per 14 dienų. Grąžiname taip pat, kaip mokėjote.',
  'returns.sendBack':
    'Prekes grąžinkite ne vėliau kaip per 14 dienų nuo pranešimo, atneškite į dirbtuves arba išsiųskite adresu {address}. Grąžinimo išlaidas apmokate jūs. Atsakote už prekės vertės sumažėjimą, jei ja naudojotės daugiau, nei reikia jai apžiūrėti.',
  'returns.sendBack.easy':
    'Atneškite arba atsiųskite prekę per 14 dienų. Adresas: {address}. Siuntimą apmokate jūs. Jei prekę naudojote ne tik apžiūrai, galime grąžinti mažiau pinigų.',
  'returns.exceptionsHeading': 'Kada sutarties atsisakyti negalima',
  'returns.exceptionCustom':
    'Prekės, pagamintos pagal jūsų nurodymus ar aiškiai pritaikytos jums (pvz., su jūsų nurodytu dydžiu, užrašu ar spalva). Gaminius, kuriuos gaminame tik gavę užsakymą, bet pagal įprastą pavyzdį, grąžinti galima.',
  'returns.exceptionCustom.easy': 'Negalima grąžinti prekės, pagamintos pagal jūsų norus.',
  'returns.exceptionPerishable':
    'Greitai gendančios prekės ar prekės, kurių galiojimas greitai baigiasi (pvz., maistas, kepiniai, gyvos gėlės).',
  'returns.exceptionPerishable.easy': 'Negalima grąžinti maisto ir kitų greitai gendančių prekių.',
  'returns.exceptionsLaw':
    'Taip nustato Civilinio kodekso 6.228¹⁰ straipsnis ir Direktyvos 2011/83/ES 16 straipsnis.',
  'returns.faultyHeading': 'Jei prekė su trūkumais',
  'returns.faulty':
    'Nekokybiškai prekei taikoma įstatyminė 2 metų garantija: praneškite mums, ir prekę pataisysime, pakeisime arba grąžinsime pinigus, taip pat ir pagal užsakymą pagamintai prekei.',
  'returns.faulty.easy':
    'Jei prekė sugedusi, parašykite mums. Ją pataisysime, pakeisime arba grąžinsime pinigus.',
  'returns.disputes':
    'Ginčą pirmiausia stenkimės išspręsti kartu. Jei nepavyks, galite kreiptis į Valstybinę vartotojų teisių apsaugos tarnybą (www.vvtat.lt), kuri nagrinėja vartojimo ginčus ne teisme.',
  'returns.disputes.easy': 'Jei nesutariame, galite kreiptis į Vartotojų teisių apsaugos tarnybą.',
  'returns.formHeading': 'Pavyzdinė sutarties atsisakymo forma',
  'returns.formPrint': 'Spausdinti formą',
  'returns.formNote':
    'Forma pateikta pagal Direktyvos 2011/83/ES I priedo B dalį. Nurodykite ir užsakymo numerį.',
  'returns.form.instruction': '(užpildykite ir grąžinkite šią formą, tik jeigu norite atsisakyti sutarties)',
  'returns.form.to': 'Kam: {name}, {address}, {email}',
  'returns.form.notice':
    'Aš/Mes (*) pranešu/pranešame (*), kad atsisakau/atsisakome (*) savo sutarties dėl šių prekių pirkimo (*)/šių paslaugų teikimo (*)',
  'returns.form.dates': 'Užsakymo data (*)/gavimo data (*)',
  'returns.form.names': 'Vartotojo (-ų) vardas, pavardė',
  'returns.form.address': 'Vartotojo (-ų) adresas',
  'returns.form.signature': 'Vartotojo (-ų) parašas (tik jeigu ši forma pateikiama popieriuje)',
  'returns.form.date': 'Data',
  'returns.form.delete': '(*) Nereikalingą išbraukti.',
};

export const legalEn: Record<keyof typeof legalLt, string> = {
  'privacy.title': 'Privacy notice',
  'privacy.description': 'What personal data we keep, why, for how long, and your rights.',
  'privacy.controller':
    'The controller of your data: {name}, company code {code}, {address}. Write to {email} about your data.',
  'privacy.controller.easy':
    '{name} keeps your data. Company code: {code}. Address: {address}. Send questions to {email}.',
  'privacy.whatHeading': 'What we keep and why',
  'privacy.orders':
    'Orders: name, e-mail, phone, delivery address or parcel locker, note, what you bought and how you paid; if you ask for a VAT invoice, the company name, code, VAT code and address. To perform the contract (GDPR Art. 6(1)(b)) and keep the accounts (6(1)(c)).',
  'privacy.orders.easy':
    'When you buy, we keep your name, e-mail, phone and address. We need them to deliver.',
  'privacy.card':
    "Card payments: you enter your card on Stripe's page; we receive only the payment's number and whether it succeeded, never the card number.",
  'privacy.card.easy': 'We never see your card number. Only the payment company Stripe sees it.',
  'privacy.requests':
    'Requests for business services: company details, contact person, e-mail, phone, the work described and attached files. To prepare a quote and do the work (6(1)(b)).',
  'privacy.requests.easy': 'When a company asks for work, we keep its contacts and files.',
  'privacy.mail':
    'E-mails we send you (order confirmations, links) are kept with the order or request, so we can re-send them and show what was sent.',
  'privacy.mail.easy': 'We keep the e-mails we send you.',
  'privacy.feedback':
    'Accessibility feedback: the message and, if you give them, your name and e-mail, to fix the barrier and answer you (legitimate interest, 6(1)(f)).',
  'privacy.feedback.easy': 'If you tell us about a problem, we keep your message.',
  'privacy.cookies':
    'Cookies: language and easy-read view (1 year), the cart session (8 hours from your last visit), a form protection cookie. These are strictly necessary; we use no analytics, advertising or third-party tracking cookies.',
  'privacy.cookies.easy': 'We use only necessary cookies. There are no advertising cookies.',
  'privacy.abuse':
    'Protection against abuse: how many forms were sent from your internet address is counted for 15 minutes, then deleted. Server logs do not record internet addresses.',
  'privacy.abuse.easy': 'We keep your internet address for 15 minutes only.',
  'privacy.howLongHeading': 'How long we keep it',
  'privacy.keepOrders':
    'Orders, invoices and payments: 10 years, as the rules for keeping accounting documents require.',
  'privacy.keepOrders.easy': 'We keep orders for 10 years. The law says so.',
  'privacy.keepAttachments':
    'Files attached to cancelled or declined requests are deleted after {days} days; the request itself stays as a record.',
  'privacy.keepAttachments.easy': 'We delete files of declined requests after {days} days.',
  'privacy.keepFeedback': 'Accessibility feedback is deleted after {days} days.',
  'privacy.keepFeedback.easy': 'We delete messages about problems after {days} days.',
  'privacy.whoHeading': 'Who else receives data',
  'privacy.who':
    'Stripe (card payments), the courier or parcel locker company (name, phone and address, when you choose delivery), our e-mail provider, our accountant. We do not sell data or pass it on for advertising.',
  'privacy.who.easy':
    'Only a few others get your data. They are the payment company, courier and accountant.',
  'privacy.participants':
    "The workshop participants' data is not published on this site; participants are informed about it separately.",
  'privacy.participants.easy': 'We do not show the workshop people’s data on this website.',
  'privacy.rightsHeading': 'Your rights',
  'privacy.rights':
    'You can ask to see your data, correct it, erase it (unless the law requires us to keep it), restrict its use, object to its use and receive it to move elsewhere. Write to us; we answer within a month.',
  'privacy.rights.easy': 'You can ask us to show, correct or delete your data. Write to us.',
  'privacy.complaint':
    'If you think we handle your data wrongly, you can complain to the State Data Protection Inspectorate of Lithuania (vdai.lrv.lt).',
  'privacy.complaint.easy': 'You can complain to the state data protection office.',

  'returns.title': 'Returns and the right of withdrawal',
  'returns.description':
    'You can withdraw from a purchase within 14 days without giving a reason. How, the model form and the exceptions.',
  'returns.rightHeading': 'Right of withdrawal within 14 days',
  'returns.right':
    'You have the right to withdraw from this contract within 14 days without giving any reason. The withdrawal period expires after 14 days from the day on which you, or a third party other than the carrier indicated by you, acquire physical possession of the goods.',
  'returns.right.easy': 'You can return a product within 14 days. You do not need a reason.',
  'returns.howHeading': 'How to withdraw',
  'returns.how':
    'Inform us ({name}, {address}, {email}, {phone}) of your decision by a clear statement, e.g. a letter or an e-mail. You may use the model form below, but it is not obligatory. It is enough to send it before the withdrawal period has expired.',
  'returns.how.easy':
    'Write to us within 14 days of getting the product. We are {name}. Address: {address}. E-mail: {email}. Phone: {phone}. You can use the form below. Give your order number.',
  'returns.effectsHeading': 'What we do when you withdraw',
  'returns.effects':
    'We reimburse all payments received from you, including the cost of standard delivery, without undue delay and not later than 14 days from the day we are informed, using the same means of payment you used. We may withhold the reimbursement until we have received the goods back or you have supplied proof of sending them.',
  'returns.effects.easy': 'We pay you back within 14 days. We pay back the same way you paid.',
  'returns.sendBack':
    'Send back or bring the goods to the workshop within 14 days of telling us, at {address}. You bear the direct cost of returning them. You are liable for any lost value from handling beyond what is needed to examine them.',
  'returns.sendBack.easy':
    'Bring or send the product within 14 days. Address: {address}. You pay for sending it. Did you use it more than to check it? Then we may pay back less.',
  'returns.exceptionsHeading': 'When withdrawal is not possible',
  'returns.exceptionCustom':
    'Goods made to your specifications or clearly personalised (e.g. with a size, text or colour you gave). Goods we make only once ordered, but to our usual design, can be returned.',
  'returns.exceptionCustom.easy': 'You cannot return a product made the way you asked.',
  'returns.exceptionPerishable':
    'Goods that can deteriorate or expire rapidly (e.g. food, baked goods, fresh flowers).',
  'returns.exceptionPerishable.easy': 'You cannot return food or other things that go bad quickly.',
  'returns.exceptionsLaw':
    'As set by Article 6.228¹⁰ of the Lithuanian Civil Code and Article 16 of Directive 2011/83/EU.',
  'returns.faultyHeading': 'If a product is faulty',
  'returns.faulty':
    'Faulty goods are covered by the 2-year legal guarantee: tell us, and we repair, replace or refund them, made-to-order goods included.',
  'returns.faulty.easy': 'If the product is broken, write to us. We repair it, change it or pay you back.',
  'returns.disputes':
    'Let us first try to settle a dispute together. If we cannot, you can turn to the State Consumer Rights Protection Authority (www.vvtat.lt), which settles consumer disputes out of court.',
  'returns.disputes.easy': 'If we do not agree, ask the state consumer office for help.',
  'returns.formHeading': 'Model withdrawal form',
  'returns.formPrint': 'Print the form',
  'returns.formNote': 'The form follows Annex I(B) of Directive 2011/83/EU. Please add your order number.',
  'returns.form.instruction':
    '(complete and return this form only if you wish to withdraw from the contract)',
  'returns.form.to': 'To: {name}, {address}, {email}',
  'returns.form.notice':
    'I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*),',
  'returns.form.dates': 'Ordered on (*)/received on (*)',
  'returns.form.names': 'Name of consumer(s)',
  'returns.form.address': 'Address of consumer(s)',
  'returns.form.signature': 'Signature of consumer(s) (only if this form is notified on paper)',
  'returns.form.date': 'Date',
  'returns.form.delete': '(*) Delete as appropriate.',
};
