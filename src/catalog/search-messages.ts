/** Texts of the catalogue search's suggestions and of the helpful "page not found" page. */
export const searchLt = {
  'catalogue.sort.relevance': 'Tinkamiausi',
  'search.suggest.categories': 'Pažiūrėkite kategorijas',
  'search.suggest.goods': 'Gal patiks',
  'notFound.title': 'Puslapis nerastas',
  'notFound.lead': 'Šiuo adresu puslapio nėra. Gal jis perkeltas, o gal adrese yra klaida.',
  'notFound.lead.easy': 'Šio puslapio nėra. Patikrinkite adresą.',
  'notFound.searchHeading': 'Ieškokite prekių',
  'notFound.searchHeading.easy': 'Parašykite, ko ieškote',
  'notFound.categories': 'Arba pasirinkite kategoriją',
  'notFound.home': 'Į pradžios puslapį',
} as const satisfies Record<string, string>;

export const searchEn = {
  'catalogue.sort.relevance': 'Best match',
  'search.suggest.categories': 'Browse the categories',
  'search.suggest.goods': 'You may like',
  'notFound.title': 'Page not found',
  'notFound.lead': 'There is no page at this address. It may have moved, or the address may have a typo.',
  'notFound.lead.easy': 'This page does not exist. Check the address.',
  'notFound.searchHeading': 'Search our goods',
  'notFound.searchHeading.easy': 'Write what you are looking for',
  'notFound.categories': 'Or choose a category',
  'notFound.home': 'Go to the home page',
} as const satisfies Record<string, string>;
