/** Messages of the services module (merged into the LT/EN dictionaries). Keys start with "services.". */
export const servicesLt = {
  'requests.navLabel': 'Paslaugų užklausos',
} satisfies Record<string, string>;

export const servicesEn: Record<keyof typeof servicesLt, string> = {
  'requests.navLabel': 'Service requests',
};
