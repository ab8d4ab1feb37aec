/**
 * Messages of the production master's month: the attendance page's workdays, public holidays and
 * warnings, and the contributions grid in hours. Prefixes: "attendance.", "contributions.", "holiday.".
 */
export const monthLt = {
  'attendance.workdays': 'Darbo dienų šį mėnesį: {workdays}',
  'attendance.workdaysSource.calendar': 'pirmadieniai–penktadieniai be švenčių dienų',
  'attendance.workdaysSource.saved': 'nustatyta šio mėnesio stipendijų taisyklėse',
  'attendance.workdaysSource.finalised': 'kaip patvirtinta šio mėnesio stipendijose',
  'attendance.editWorkdays': 'Keisti darbo dienų skaičių (stipendijų mėnesio taisyklės)',
  'attendance.holidays': 'Švenčių dienos',
  'attendance.noHolidays': 'Šį mėnesį švenčių dienų nėra.',
  'attendance.holidayWeekend': 'savaitgalį, darbo dienos neatima',
  'attendance.countedHint':
    'Stipendijai skaičiuojama ne daugiau kaip {workdays} d.: įrašius daugiau, įrašas išsaugomas, bet skaičiuojama {workdays} d.',
  'attendance.over': '{days} d. – daugiau nei {workdays} darbo d. Stipendijai skaičiuojama {workdays} d.',
  'attendance.overSummary.one':
    '{count} dalyviui įrašyta daugiau dienų nei {workdays} darbo d. Įrašas išsaugomas, bet stipendijai skaičiuojama {workdays} d. Patikrinkite:',
  'attendance.overSummary.few':
    '{count} dalyviams įrašyta daugiau dienų nei {workdays} darbo d. Įrašai išsaugomi, bet stipendijai skaičiuojama po {workdays} d. Patikrinkite:',
  'attendance.overSummary.many':
    '{count} dalyvio įrašyta daugiau dienų nei {workdays} darbo d. Įrašai išsaugomi, bet stipendijai skaičiuojama po {workdays} d. Patikrinkite:',
  'attendance.overSummary.other':
    '{count} dalyvių įrašyta daugiau dienų nei {workdays} darbo d. Įrašai išsaugomi, bet stipendijai skaičiuojama po {workdays} d. Patikrinkite:',
  'attendance.overItem': '{name}: {days} d.',
  'attendance.keysHint': 'Enter arba ↓ – kita eilutė, ↑ – ankstesnė.',
  'contributions.hoursHint':
    'Įrašykite valandas, pvz., 1,5 arba 2 (kablelis arba taškas). Tuščia arba 0 – nedirbo. Svarbu tik santykis tarp dalyvių.',
  'contributions.keysHint': 'Enter arba ↓ – žemyn stulpeliu, ↑ – aukštyn, Tab – į kitą stulpelį.',
  'contributions.hoursColumn': 'Valandos',
  'contributions.hoursUnit': 'val.',
  'contributions.scrollHint': 'Lentelę galima slinkti į šonus: dalyvių vardai lieka matomi.',
  'contributions.readOnly': 'Tik peržiūra.',
  'contributions.errors.hoursNumber': 'Įrašykite valandas skaičiumi, pvz., 1,5.',
  'contributions.errors.hoursNegative': 'Valandų negali būti mažiau nei 0.',
  'contributions.errors.hoursDecimals': 'Ne daugiau kaip du skaitmenys po kablelio, pvz., 1,25.',
  'contributions.errors.hoursTooMany': 'Per daug: per mėnesį daugiausia {max} val. (24 val. × {days} d.).',
  'holiday.newYear': 'Naujųjų metų diena',
  'holiday.statehood': 'Lietuvos valstybės atkūrimo diena',
  'holiday.independence': 'Lietuvos nepriklausomybės atkūrimo diena',
  'holiday.easterSunday': 'Velykos',
  'holiday.easterMonday': 'Antroji Velykų diena',
  'holiday.labourDay': 'Tarptautinė darbo diena',
  'holiday.mothersDay': 'Motinos diena',
  'holiday.fathersDay': 'Tėvo diena',
  'holiday.stJohns': 'Rasos ir Joninių diena',
  'holiday.coronation': 'Valstybės (Lietuvos karaliaus Mindaugo karūnavimo) diena',
  'holiday.assumption': 'Žolinė',
  'holiday.allSaints': 'Visų šventųjų diena',
  'holiday.allSouls': 'Vėlinės',
  'holiday.christmasEve': 'Kūčios',
  'holiday.christmas': 'Šv. Kalėdos',
  'holiday.christmasSecond': 'Antroji Kalėdų diena',
} satisfies Record<string, string>;

export const monthEn: Record<keyof typeof monthLt, string> = {
  'attendance.workdays': 'Workdays this month: {workdays}',
  'attendance.workdaysSource.calendar': 'Monday to Friday less public holidays',
  'attendance.workdaysSource.saved': "set in this month's stipend rules",
  'attendance.workdaysSource.finalised': "as finalised in this month's stipends",
  'attendance.editWorkdays': "Change the number of workdays (the stipend month's rules)",
  'attendance.holidays': 'Public holidays',
  'attendance.noHolidays': 'No public holidays this month.',
  'attendance.holidayWeekend': 'on a weekend, takes no workday away',
  'attendance.countedHint':
    'The stipend counts at most {workdays} days: more days are saved as typed, but {workdays} count.',
  'attendance.over':
    '{days} days – more than the {workdays} workdays. {workdays} days count for the stipend.',
  'attendance.overSummary.one':
    '{count} participant has more days than the {workdays} workdays. It is saved, but {workdays} days count for the stipend. Check:',
  'attendance.overSummary.few':
    '{count} participants have more days than the {workdays} workdays. They are saved, but {workdays} days count for the stipend. Check:',
  'attendance.overSummary.many':
    '{count} participants have more days than the {workdays} workdays. They are saved, but {workdays} days count for the stipend. Check:',
  'attendance.overSummary.other':
    '{count} participants have more days than the {workdays} workdays. They are saved, but {workdays} days count for the stipend. Check:',
  'attendance.overItem': '{name}: {days} days',
  'attendance.keysHint': 'Enter or ↓ – next row, ↑ – previous.',
  'contributions.hoursHint':
    'Enter hours, e.g. 1.5 or 2 (a comma or a point). Blank or 0 – did not work. Only the ratio between participants counts.',
  'contributions.keysHint': 'Enter or ↓ – down the column, ↑ – up, Tab – to the next column.',
  'contributions.hoursColumn': 'Hours',
  'contributions.hoursUnit': 'h',
  'contributions.scrollHint': "The grid scrolls sideways: the participants' names stay in view.",
  'contributions.readOnly': 'View only.',
  'contributions.errors.hoursNumber': 'Enter the hours as a number, e.g. 1.5.',
  'contributions.errors.hoursNegative': 'Hours cannot be less than 0.',
  'contributions.errors.hoursDecimals': 'At most two decimals, e.g. 1.25.',
  'contributions.errors.hoursTooMany': 'Too many: at most {max} h in a month (24 h × {days} days).',
  'holiday.newYear': "New Year's Day",
  'holiday.statehood': 'Day of Restoration of the State of Lithuania',
  'holiday.independence': 'Day of Restoration of Independence of Lithuania',
  'holiday.easterSunday': 'Easter Sunday',
  'holiday.easterMonday': 'Easter Monday',
  'holiday.labourDay': 'International Labour Day',
  'holiday.mothersDay': "Mother's Day",
  'holiday.fathersDay': "Father's Day",
  'holiday.stJohns': "St John's Day (Midsummer)",
  'holiday.coronation': 'Statehood Day (Coronation of King Mindaugas)',
  'holiday.assumption': 'Assumption Day',
  'holiday.allSaints': "All Saints' Day",
  'holiday.allSouls': "All Souls' Day",
  'holiday.christmasEve': 'Christmas Eve',
  'holiday.christmas': 'Christmas Day',
  'holiday.christmasSecond': 'Second Day of Christmas',
} satisfies Record<string, string>;
