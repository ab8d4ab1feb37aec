/** A text kept in both languages of the app: a schema fragment the models share. */
export const localizedText = { lt: { type: String, default: '' }, en: { type: String, default: '' } };
