/** Messages of the e-mails and the outbox page (merged into the LT/EN dictionaries). */
export const mailLt = {} as const satisfies Record<string, string>;

export const mailEn: Record<keyof typeof mailLt, string> = {};
