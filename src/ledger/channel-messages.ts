/** The sales channels in words, and the income-per-channel summary. */
export const channelsLt = {
  'channel.web': 'Internetu',
  'channel.phone': 'Telefonu',
  'channel.walk_in': 'Dirbtuvėse',
  'channel.fair': 'Mugėje',
  'channel.services': 'Paslaugos verslui',
  'channelIncome.heading': 'Pardavimai pagal kanalą',
  'channelIncome.caption':
    'Pardavimo pajamos be PVM pagal tai, kur parduota (iš didžiosios knygos; grąžinimai atimti).',
  'channelIncome.channel': 'Kanalas',
  'channelIncome.total': 'Iš viso',
  'channelIncome.thisMonth': 'Šį mėnesį ({period})',
  'channelIncome.lastMonth': 'Praėjusį mėnesį ({period})',
  'channelIncome.month': '{period}',
} as const;

export const channelsEn: Record<keyof typeof channelsLt, string> = {
  'channel.web': 'Online shop',
  'channel.phone': 'By phone',
  'channel.walk_in': 'At the workshop',
  'channel.fair': 'At a fair',
  'channel.services': 'Business services',
  'channelIncome.heading': 'Sales by channel',
  'channelIncome.caption':
    'Sales income without VAT by where it was sold (from the ledger; refunds deducted).',
  'channelIncome.channel': 'Channel',
  'channelIncome.total': 'Total',
  'channelIncome.thisMonth': 'This month ({period})',
  'channelIncome.lastMonth': 'Last month ({period})',
  'channelIncome.month': '{period}',
};
