/** Messages of the pdf module (merged into the LT/EN dictionaries). Keys start with "pdf.". */
export const pdfLt = {} satisfies Record<string, string>;

export const pdfEn: Record<keyof typeof pdfLt, string> = {};
