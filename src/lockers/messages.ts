/** The parcel locker lists' texts (staff page, checkout choice). */
export const lockersLt = {
  'lockers.title': 'Paštomatų sąrašai',
  'lockers.link': 'Paštomatų sąrašai (Omniva, LP Express, DPD)',
  'lockers.intro':
    'Pirkėjas renkasi paštomatą iš šių sąrašų. Sąrašai atnaujinami kasdien iš nustatytų adresų, jei jie nurodyti; kitu atveju įkelkite tinklo paskelbtą failą.',
  'lockers.network': 'Tinklas',
  'lockers.active': 'Veikiančių paštomatų',
  'lockers.importedAt': 'Atnaujinta',
  'lockers.source': 'Šaltinis',
  'lockers.never': 'Dar neįkelta',
  'lockers.sources.upload': 'įkeltas failas',
  'lockers.sources.url': 'automatiškai iš adreso',
  'lockers.sources.demo': 'demonstraciniai duomenys',
  'lockers.importHeading': 'Įkelti tinklo sąrašą',
  'lockers.formats':
    'Tinka Omniva „locations.json“, DPD siuntų taškų sąrašas (JSON arba CSV), Unisend (LP Express) paštomatų sąrašas (JSON) arba CSV su stulpeliais id, name, address, city, postcode. Paliekami tik paštomatai Lietuvoje. Naujas sąrašas pakeičia seną: paštomatai, kurių jame nebėra, nebesiūlomi.',
  'lockers.chooseNetwork': 'Pasirinkite tinklą',
  'lockers.file': 'Sąrašo failas',
  'lockers.fileHint': 'JSON arba CSV, iki {max} MB.',
  'lockers.import': 'Įkelti sąrašą',
  'lockers.imported':
    'Sąrašas įkeltas: {count} paštomatų; praleista įrašų: {skipped}; nebesiūlomų paštomatų: {deactivated}.',
  'lockers.networks.omniva': 'Omniva',
  'lockers.networks.lp_express': 'LP Express (Unisend)',
  'lockers.networks.dpd': 'DPD',
  'lockers.errors.network': 'Pasirinkite tinklą.',
  'lockers.errors.noFile': 'Pasirinkite sąrašo failą.',
  'lockers.errors.empty': 'Failas tuščias.',
  'lockers.errors.badJson': 'Failas atrodo kaip JSON, bet jo nepavyko perskaityti.',
  'lockers.errors.unknownFormat':
    'Failo formatas neatpažintas: reikia JSON sąrašo arba CSV su stulpelių pavadinimais pirmoje eilutėje.',
  'lockers.errors.noTerminals':
    'Faile nerasta nė vieno paštomato Lietuvoje su numeriu ir pavadinimu (praleista įrašų: {skipped}).',
  'lockers.errors.tooLarge': 'Failas per didelis.',
  'lockers.errors.fetchFailed': 'Sąrašo atsisiųsti nepavyko (atsakymo kodas {status}).',
} as const;

export const lockersEn: Record<keyof typeof lockersLt, string> = {
  'lockers.title': 'Parcel locker lists',
  'lockers.link': 'Parcel locker lists (Omniva, LP Express, DPD)',
  'lockers.intro':
    'Buyers choose a parcel locker from these lists. They are refreshed daily from the configured addresses when there are any; otherwise upload the file the network publishes.',
  'lockers.network': 'Network',
  'lockers.active': 'Lockers in service',
  'lockers.importedAt': 'Updated',
  'lockers.source': 'Source',
  'lockers.never': 'Not imported yet',
  'lockers.sources.upload': 'uploaded file',
  'lockers.sources.url': 'automatically from its address',
  'lockers.sources.demo': 'demo data',
  'lockers.importHeading': "Import a network's list",
  'lockers.formats':
    "Accepted: Omniva's “locations.json”, DPD's parcel shop list (JSON or CSV), Unisend's (LP Express) terminal list (JSON), or a CSV with the columns id, name, address, city, postcode. Only lockers in Lithuania are kept. A new list replaces the old one: lockers it no longer has are no longer offered.",
  'lockers.chooseNetwork': 'Choose a network',
  'lockers.file': 'List file',
  'lockers.fileHint': 'JSON or CSV, up to {max} MB.',
  'lockers.import': 'Import the list',
  'lockers.imported':
    'List imported: {count} lockers; records skipped: {skipped}; lockers no longer offered: {deactivated}.',
  'lockers.networks.omniva': 'Omniva',
  'lockers.networks.lp_express': 'LP Express (Unisend)',
  'lockers.networks.dpd': 'DPD',
  'lockers.errors.network': 'Choose a network.',
  'lockers.errors.noFile': 'Choose the list file.',
  'lockers.errors.empty': 'The file is empty.',
  'lockers.errors.badJson': 'The file looks like JSON but cannot be read.',
  'lockers.errors.unknownFormat':
    'The format is not recognised: a JSON list is needed, or a CSV with the column names in its first row.',
  'lockers.errors.noTerminals':
    'The file has no locker in Lithuania with an id and a name (records skipped: {skipped}).',
  'lockers.errors.tooLarge': 'The file is too large.',
  'lockers.errors.fetchFailed': 'The list could not be downloaded (response code {status}).',
};
