/** Messages of the cart, checkout and orders (merged into the LT/EN dictionaries). */
export const ordersLt = {} as const satisfies Record<string, string>;

export const ordersEn: Record<keyof typeof ordersLt, string> = {};
