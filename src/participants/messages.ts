/** Messages of the participants module (merged into the LT/EN dictionaries). Keys start with "participants.". */
export const participantsLt = {
  'participants.navLabel': 'Dalyviai',
  'contributions.navLabel': 'Darbo indėlis',
} satisfies Record<string, string>;

export const participantsEn: Record<keyof typeof participantsLt, string> = {
  'participants.navLabel': 'Participants',
  'contributions.navLabel': 'Work contributions',
};
