/**
 * Easy-read variants (`key.easy`, see src/web/easy-read.ts) of the pickup texts the public pages show
 * (src/settings/pickup-messages.ts).
 */
export const pickupEasyLt = {
  'pickup.productLine.easy': 'Galite atsiimti dirbtuvėse. Tai nemokama.',
} as const satisfies Record<string, string>;

export const pickupEasyEn: Record<keyof typeof pickupEasyLt, string> = {
  'pickup.productLine.easy': 'You can pick it up at the workshop. It is free.',
};
