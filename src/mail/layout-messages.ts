/** Words of the e-mail layout (views/mail/layout.mjml): the footer's contacts and the outbox preview. */
export const mailLayoutLt = {
  'mailLayout.address': 'Adresas: {address}',
  'mailLayout.email': 'El. paštas: {email}',
  'mailLayout.phone': 'Telefonas: {phone}',
  'mailLayout.attachments': 'Priedai',
  'mailLayout.preview': 'Laiško peržiūra',
  'mailLayout.requestFooter': 'Šį laišką gavote, nes pateikėte paslaugos užklausą mūsų svetainėje.',
} as const;

export const mailLayoutEn: Record<keyof typeof mailLayoutLt, string> = {
  'mailLayout.address': 'Address: {address}',
  'mailLayout.email': 'E-mail: {email}',
  'mailLayout.phone': 'Phone: {phone}',
  'mailLayout.attachments': 'Attachments',
  'mailLayout.preview': 'Preview of the e-mail',
  'mailLayout.requestFooter': 'You receive this e-mail because you sent a service request on our website.',
};
