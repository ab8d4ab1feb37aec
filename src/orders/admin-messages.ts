/** Messages of the staff order pages (merged into the LT/EN dictionaries). */
export const ordersAdminLt = {} as const satisfies Record<string, string>;

export const ordersAdminEn: Record<keyof typeof ordersAdminLt, string> = {};
