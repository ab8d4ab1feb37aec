/**
 * Messages of the e-invoice downloads (UBL 2.1) and the month's i.SAF file, merged into the LT/EN
 * dictionaries. Prefixes: einvoice., isaf.
 */
export const einvoiceLt = {
  'einvoice.download': 'Atsisiųsti e. sąskaitą (UBL XML)',
  'einvoice.download.easy': 'Atsisiųsti elektroninę sąskaitą',
  'isaf.download': 'i.SAF už {period} (XML)',
  'isaf.hint':
    'Išrašytų PVM sąskaitų faktūrų ir kreditinių sąskaitų registras Valstybinei mokesčių inspekcijai.',
  'isaf.notVatPayer':
    'Organizacija nėra PVM mokėtoja, todėl i.SAF rinkmenos neteikia. Jei tapote PVM mokėtoja, pažymėkite tai nustatymuose (Nustatymai → „Organizacija yra PVM mokėtoja“).',
  'isaf.badMonth': 'Mėnuo nurodomas taip: metai ir mėnuo, pvz., /admin/isaf/2026-11.xml.',
};

export const einvoiceEn: Record<keyof typeof einvoiceLt, string> = {
  'einvoice.download': 'Download the e-invoice (UBL XML)',
  'einvoice.download.easy': 'Download the electronic invoice',
  'isaf.download': 'i.SAF for {period} (XML)',
  'isaf.hint': 'The register of issued VAT invoices and credit notes for the tax authority.',
  'isaf.notVatPayer':
    'The organisation is not a VAT payer, so it files no i.SAF. If it has become one, mark it in the settings (Settings → “The organisation is a VAT payer”).',
  'isaf.badMonth': 'Give the month as year and month, for example /admin/isaf/2026-11.xml.',
};
