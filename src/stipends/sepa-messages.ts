/** Texts of the SEPA payment file: its issues and downloads, the refusal page, and its settings. */
export const sepaLt = {
  'settings.bic': 'Banko BIC (SWIFT) kodas',
  'settings.bicHint': '8 arba 11 ženklų, pvz. HABALT22. Reikalingas stipendijų mokėjimų failui.',
  'settings.paymentWorkdays': 'Stipendijų mokėjimo diena: darbo dienų po failo sudarymo',
  'settings.paymentWorkdaysHint':
    'Nuo 0 iki 10. 0 – tą pačią dieną (jei ji ne darbo diena – kitą darbo dieną). Savaitgaliai ir šventės praleidžiami.',
  'settings.errors.bic': 'BIC kodą sudaro 8 arba 11 raidžių ir skaitmenų, pvz. HABALT22.',

  'sepa.heading': 'Mokėjimų failas bankui',
  'sepa.firstHint': 'Pirmasis atsisiuntimas sudaro failą; vėliau visada gausite tą patį failą.',
  'sepa.issued': '{issue}-as failas sudarytas {date}, sudarė {name}.',
  'sepa.messageId': 'Pranešimo numeris (MsgId)',
  'sepa.executionDate': 'Prašoma mokėjimo data',
  'sepa.transfers': 'Pervedimai',
  'sepa.transfersValue': '{count}, iš viso {total}',
  'sepa.notDownloaded': 'Šis failas dar neatsisiųstas.',
  'sepa.alreadyDownloaded':
    'Šis failas jau atsisiųstas {date} ({name}). Neįkelkite jo į banką dar kartą, jei jau įkėlėte: stipendijos būtų išmokėtos du kartus.',
  'sepa.downloads': 'Atsisiųsta kartų: {count}; paskutinį kartą {date}, {name}.',
  'sepa.download': 'Atsisiųsti mokėjimų failą (SEPA XML)',
  'sepa.downloadAgain': 'Atsisiųsti tą patį failą dar kartą',
  'sepa.executionPassed':
    'Prašoma mokėjimo data ({date}) jau praėjo. Jei failo dar neįkėlėte į banką, sudarykite jį iš naujo.',
  'sepa.reissue': 'Sudaryti failą iš naujo',
  'sepa.reissueHint':
    'Naujas failas gaus naują pranešimo numerį ir mokėjimo datą. Senojo failo nebeįkelkite. Priežastis bus išsaugota.',
  'sepa.reason': 'Priežastis',
  'sepa.reasonHint': 'Pvz. „Bankas atmetė failą“ arba „Pasikeitė dalyvio sąskaita“.',
  'sepa.confirmReissue': 'Suprantu, kad ankstesnis failas nebegalioja ir jo į banką įkelti nebegalima.',
  'sepa.reissueSubmit': 'Sudaryti naują failą',
  'sepa.reissued': 'Sudarytas {issue}-as mokėjimų failas. Atsisiųskite jį ir įkelkite į banką.',
  'sepa.history': 'Ankstesni failai',
  'sepa.historyItem':
    '{issue}-as failas ({messageId}): sudarytas {date}, sudarė {name}; atsisiųsta kartų: {count}.',
  'sepa.historyReason': 'Sudarytas iš naujo, nes: {reason}',
  'sepa.errors.reason': 'Įrašykite, kodėl failą reikia sudaryti iš naujo.',
  'sepa.errors.confirmReissue': 'Pažymėkite, kad ankstesnis failas nebegalioja.',
  'sepa.errors.alreadyReissued':
    'Failas jau sudarytas iš naujo (dabar galioja {issue}-as). Peržiūrėkite puslapį ir, jei reikia, bandykite dar kartą.',
  'sepa.errors.notIssued': 'Failas dar nesudarytas: pirmiausia jį atsisiųskite.',
  'sepa.errors.paid': 'Mėnuo {period} jau pažymėtas išmokėtu: naujo mokėjimų failo sudaryti negalima.',
  'sepa.errors.accountsChanged':
    'Po to, kai buvo sudarytas {issue}-as failas, pasikeitė dalyvio banko sąskaita. Tas pats failas nebeatitinka duomenų: sudarykite jį iš naujo mėnesio puslapyje.',
  'sepa.missing.title': 'Mokėjimų failo dar negalima sudaryti',
  'sepa.missing.intro':
    'Bankui reikalingų duomenų trūksta. Papildykite juos ir atsisiųskite failą dar kartą:',
  'sepa.missing.orgName': 'Organizacijos juridinis pavadinimas',
  'sepa.missing.orgIban': 'Organizacijos banko sąskaita (IBAN)',
  'sepa.missing.orgBic': 'Organizacijos banko BIC kodas',
  'sepa.missing.participantIban': '{name}: banko sąskaita (IBAN)',
  'sepa.missing.fixSettings': 'Pildyti nustatymuose',
  'sepa.missing.fixParticipant': 'Pildyti dalyvio kortelėje',
  'sepa.missing.bulk': 'Įrašyti visas trūkstamas sąskaitas viename puslapyje',
  'sepa.missing.back': 'Grįžti į {period} mėnesį',
  'sepa.changed.title': 'Pasikeitė dalyvio banko sąskaita',
} satisfies Record<string, string>;

export const sepaEn: Record<keyof typeof sepaLt, string> = {
  'settings.bic': 'Bank BIC (SWIFT) code',
  'settings.bicHint': '8 or 11 characters, e.g. HABALT22. Needed for the stipends payment file.',
  'settings.paymentWorkdays': 'Stipend payment day: working days after the file is made',
  'settings.paymentWorkdaysHint':
    '0 to 10. 0 is the same day (the next working day when it is not one). Weekends and public holidays are skipped.',
  'settings.errors.bic': 'A BIC has 8 or 11 letters and digits, e.g. HABALT22.',

  'sepa.heading': 'Payment file for the bank',
  'sepa.firstHint': 'The first download makes the file; later downloads always give the same file.',
  'sepa.issued': 'File {issue} made on {date} by {name}.',
  'sepa.messageId': 'Message id (MsgId)',
  'sepa.executionDate': 'Requested payment date',
  'sepa.transfers': 'Transfers',
  'sepa.transfersValue': '{count}, {total} in all',
  'sepa.notDownloaded': 'This file has not been downloaded yet.',
  'sepa.alreadyDownloaded':
    'This file was already downloaded on {date} ({name}). Do not upload it to the bank again if you already did: the stipends would be paid twice.',
  'sepa.downloads': 'Downloaded {count} times; last on {date} by {name}.',
  'sepa.download': 'Download the payment file (SEPA XML)',
  'sepa.downloadAgain': 'Download the same file again',
  'sepa.executionPassed':
    'The requested payment date ({date}) has passed. If the file is not at the bank yet, make it again.',
  'sepa.reissue': 'Make the file again',
  'sepa.reissueHint':
    'The new file gets a new message id and payment date. Do not upload the old one any more. The reason is kept.',
  'sepa.reason': 'Reason',
  'sepa.reasonHint': 'E.g. "The bank refused the file" or "A participant\'s account changed".',
  'sepa.confirmReissue': 'I understand the previous file is void and must not be uploaded to the bank.',
  'sepa.reissueSubmit': 'Make a new file',
  'sepa.reissued': 'Payment file {issue} is made. Download it and upload it to the bank.',
  'sepa.history': 'Earlier files',
  'sepa.historyItem': 'File {issue} ({messageId}): made on {date} by {name}; downloaded {count} times.',
  'sepa.historyReason': 'Made again because: {reason}',
  'sepa.errors.reason': 'Write why the file has to be made again.',
  'sepa.errors.confirmReissue': 'Tick that the previous file is void.',
  'sepa.errors.alreadyReissued':
    'The file was already made again (file {issue} is current). Look at the page and try again if needed.',
  'sepa.errors.notIssued': 'The file has not been made yet: download it first.',
  'sepa.errors.paid': '{period} is already marked paid: no new payment file can be made.',
  'sepa.errors.accountsChanged':
    "A participant's bank account changed after file {issue} was made. The same file no longer matches the data: make it again on the month's page.",
  'sepa.missing.title': 'The payment file cannot be made yet',
  'sepa.missing.intro': 'The bank needs details that are missing. Fill them in and download the file again:',
  'sepa.missing.orgName': "The organisation's legal name",
  'sepa.missing.orgIban': "The organisation's bank account (IBAN)",
  'sepa.missing.orgBic': "The organisation's bank BIC",
  'sepa.missing.participantIban': '{name}: bank account (IBAN)',
  'sepa.missing.fixSettings': 'Fill in the settings',
  'sepa.missing.fixParticipant': "Fill in the participant's record",
  'sepa.missing.bulk': 'Enter all missing accounts on one page',
  'sepa.missing.back': 'Back to {period}',
  'sepa.changed.title': "A participant's bank account changed",
};
