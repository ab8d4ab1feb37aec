/** Messages of the stipends module (merged into the LT/EN dictionaries). Keys start with "stipends.". */
export const stipendsLt = {
  'stipends.navLabel': 'Stipendijos',
} satisfies Record<string, string>;

export const stipendsEn: Record<keyof typeof stipendsLt, string> = {
  'stipends.navLabel': 'Stipends',
};
