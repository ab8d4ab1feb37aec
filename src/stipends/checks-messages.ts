/** Messages of the draft month's check: what would block or distort the payment ("checks."). */
export const checksLt = {
  'checks.heading': 'Patikra prieš patvirtinant',
  'checks.none': 'Patikrinta: kliūčių ir įspėjimų nėra.',
  'checks.blocking': 'Neleidžia patvirtinti ({count})',
  'checks.blockingTag': 'Kliūtis:',
  'checks.warnings': 'Įspėjimai ({count})',
  'checks.warningsHint': 'Mėnesį patvirtinti galima, bet sumos gali būti ne tokios, kokių tikitės.',
  'checks.warningTag': 'Įspėjimas:',
  'checks.blockedHint': 'Mėnesį patvirtinti galėsite, kai neliks kliūčių.',
  'checks.noIban':
    '{name} gaus {amount}, bet neturi banko sąskaitos: be jos mokėjimo failo banke padaryti negalima.',
  'checks.noIban.fix': 'Įrašyti sąskaitą: {name}',
  'checks.noIban.bulk': 'Įrašyti visas trūkstamas sąskaitas viename puslapyje ({count})',
  'checks.overWorkdays':
    '{name}: įrašyta {days} d. lankomumo, o mėnesyje tik {workdays} darbo d. Bazinei daliai skaičiuojama ne daugiau kaip {workdays} d., bet pajamos be darbo indėlio dalijamos pagal visas įrašytas dienas.',
  'checks.overWorkdays.fix': 'Taisyti {period} lankomumą',
  'checks.overWorkdays.rules': 'Keisti darbo dienų skaičių',
  'checks.noContributions.product': 'Prekė „{title}“ parduota už {amount}, bet nepažymėta, kas ją gamino.',
  'checks.noContributions.job': 'Už darbą „{title}“ gauta {amount}, bet nepažymėta, kas jį atliko.',
  'checks.noContributions.byDays': 'Šios pajamos dalijamos visiems pagal lankomumo dienas.',
  'checks.noContributions.toNobody': 'Niekas neturi įrašytų dienų, tad šios pajamos niekam nepriskiriamos.',
  'checks.noContributions.fix': 'Įrašyti darbo indėlį',
  'checks.noAttendance':
    'Neįrašytas lankomumas: {names}. Jei jie šį mėnesį dirbo, įrašykite dienas; kitaip jų bazinė dalis bus 0.',
  'checks.noAttendance.fix': 'Įrašyti trūkstamą lankomumą',
  'checks.workdaysDiffer':
    'Mėnesio taisyklėse įrašyta {workdays} darbo d., o pagal Lietuvos kalendorių (pirmadieniai–penktadieniai be švenčių) jų {calendar}.',
  'checks.workdaysDiffer.fix': 'Tikrinti darbo dienų skaičių',
  'checks.unallocated':
    'Iš fondo {amount} lieka niekam nepaskirstyta: niekam nepriskirta pardavimų arba visi pasiekė ribą.',
  'checks.unallocated.fix': 'Žiūrėti skaičiavimą',
  'checks.errors.noIban':
    'Mėnesio patvirtinti negalima: nėra banko sąskaitos – {names}. Įrašykite sąskaitas ir patvirtinkite dar kartą.',
} satisfies Record<string, string>;

export const checksEn: Record<keyof typeof checksLt, string> = {
  'checks.heading': 'Check before finalising',
  'checks.none': 'Checked: nothing blocks or distorts the payment.',
  'checks.blocking': 'Blocks finalising ({count})',
  'checks.blockingTag': 'Blocks:',
  'checks.warnings': 'Warnings ({count})',
  'checks.warningsHint': 'The month can be finalised, but the amounts may not be what you expect.',
  'checks.warningTag': 'Warning:',
  'checks.blockedHint': 'You can finalise the month once nothing blocks it.',
  'checks.noIban':
    '{name} gets {amount} but has no bank account: the payment file for the bank cannot be made without it.',
  'checks.noIban.fix': 'Enter the account: {name}',
  'checks.noIban.bulk': 'Enter all missing accounts on one page ({count})',
  'checks.overWorkdays':
    '{name}: {days} days of attendance recorded, but the month has only {workdays} workdays. The base counts at most {workdays} days, but income nobody is recorded for is shared by all the days recorded.',
  'checks.overWorkdays.fix': 'Correct the attendance of {period}',
  'checks.overWorkdays.rules': 'Change the number of workdays',
  'checks.noContributions.product':
    'The good “{title}” sold for {amount}, but nobody is recorded as making it.',
  'checks.noContributions.job': 'The job “{title}” brought {amount}, but nobody is recorded as doing it.',
  'checks.noContributions.byDays': 'This income is shared among everyone by attendance days.',
  'checks.noContributions.toNobody': 'Nobody has attendance days, so this income is attributed to nobody.',
  'checks.noContributions.fix': 'Record the work',
  'checks.noAttendance':
    'No attendance recorded for {names}. If they worked this month, enter their days; otherwise their base is 0.',
  'checks.noAttendance.fix': 'Enter the missing attendance',
  'checks.workdaysDiffer':
    "The month's rules count {workdays} workdays, but the Lithuanian calendar (Monday to Friday less public holidays) has {calendar}.",
  'checks.workdaysDiffer.fix': 'Check the number of workdays',
  'checks.unallocated':
    '{amount} of the pool goes to nobody: nobody has sales attributed, or everyone reached the cap.',
  'checks.unallocated.fix': 'See the computation',
  'checks.errors.noIban':
    'The month cannot be finalised: no bank account for {names}. Enter the accounts and finalise again.',
};
