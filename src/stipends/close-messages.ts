/** The month's close on the stipend month page: the ledger lock and the changes that came late. */
export const periodCloseLt = {
  'period.close.heading': 'Buhalterinio laikotarpio uždarymas',
  'period.close.intro':
    'Užrakinus mėnesį, į jį nebegalima nieko įrašyti: nei mokėjimų, nei išlaidų. Vėlesni grąžinimai ir pataisymai įrašomi atvirame laikotarpyje su nuoroda į tai, ką jie taiso.',
  'period.close.notYet': 'Užrakinti galima, kai mėnuo patvirtintas ir pasibaigęs.',
  'period.close.confirm': 'Suprantu, kad užrakinto mėnesio atrakinti nebus galima.',
  'period.close.submit': 'Užrakinti mėnesį {period}',
  'period.close.locked': 'Užrakinta',
  'period.close.lockedBy': 'Mėnesį {period} užrakino {name} {date}. Įrašų užrakinimo metu: {count}.',
  'period.close.lateEntries': 'Įrašai, atsiradę šiame mėnesyje po užrakinimo',
  'period.close.lateEntriesHint':
    'Jie buvo įrašyti tą pačią akimirką, kai mėnuo buvo rakinamas. Patikrinkite juos su buhaltere.',
  'period.close.lockedFlash': 'Mėnuo {period} užrakintas.',
  'period.close.errors.confirm': 'Pažymėkite, kad suprantate: užrakinto mėnesio atrakinti negalima.',
  'period.errors.lockNotFinalised':
    'Mėnuo {period} dar nepatvirtintas: užrakinti galima tik patvirtintą mėnesį.',
  'period.late.one': 'Po tvirtinimo pradžios atėjo {count} pakeitimas',
  'period.late.few': 'Po tvirtinimo pradžios atėjo {count} pakeitimai',
  'period.late.many': 'Po tvirtinimo pradžios atėjo {count} pakeitimo',
  'period.late.other': 'Po tvirtinimo pradžios atėjo {count} pakeitimų',
  'period.late.hint':
    'Šie lankomumo ar darbo įrašai išsaugoti tuo metu, kai mėnuo buvo tvirtinamas, todėl patvirtintos sumos jų gali neįskaičiuoti.',
  'period.late.what.attendance': 'Lankomumas',
  'period.late.what.contributions': 'Darbo įnašai',
  'period.late.who': 'Kas',
  'period.late.when': 'Kada',
  'period.late.what': 'Kas pakeista',
  'period.late.people': 'Dalyvių',
} satisfies Record<string, string>;

export const periodCloseEn: Record<keyof typeof periodCloseLt, string> = {
  'period.close.heading': 'Closing the accounting period',
  'period.close.intro':
    'Once a month is locked nothing more can be posted in it: no payments, no costs. Later refunds and corrections are posted in the open period with a reference to what they correct.',
  'period.close.notYet': 'A month can be locked once it is finalised and has ended.',
  'period.close.confirm': 'I understand that a locked month cannot be unlocked.',
  'period.close.submit': 'Lock {period}',
  'period.close.locked': 'Locked',
  'period.close.lockedBy': '{name} locked {period} on {date}. Entries when locked: {count}.',
  'period.close.lateEntries': 'Entries that arrived in this month after it was locked',
  'period.close.lateEntriesHint':
    'They were posted at the very moment the month was being locked. Check them with the accountant.',
  'period.close.lockedFlash': '{period} is locked.',
  'period.close.errors.confirm': 'Tick that you understand: a locked month cannot be unlocked.',
  'period.errors.lockNotFinalised':
    'The month {period} is not finalised: only a finalised month can be locked.',
  'period.late.one': '{count} change arrived after finalising began',
  'period.late.few': '{count} changes arrived after finalising began',
  'period.late.many': '{count} changes arrived after finalising began',
  'period.late.other': '{count} changes arrived after finalising began',
  'period.late.hint':
    'These attendance or work records were saved while the month was being finalised, so the finalised amounts may not include them.',
  'period.late.what.attendance': 'Attendance',
  'period.late.what.contributions': 'Work contributions',
  'period.late.who': 'Who',
  'period.late.when': 'When',
  'period.late.what': 'What changed',
  'period.late.people': 'Participants',
};
