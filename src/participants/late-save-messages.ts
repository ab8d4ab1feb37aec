/** What a late attendance or contributions save tells the person who saved (see late-save.ts). */
export const lateSaveLt = {
  'contributions.errors.lateSave':
    'Pakeitimai išsaugoti, bet mėnuo {period} tuo metu jau buvo tvirtinamas: į stipendijas jie gali būti neįskaičiuoti. Administratorius tai mato mėnesio puslapyje.',
} satisfies Record<string, string>;

export const lateSaveEn: Record<keyof typeof lateSaveLt, string> = {
  'contributions.errors.lateSave':
    'Your changes were saved, but {period} was already being finalised: the stipends may not include them. The administrator sees this on the month’s page.',
};
