import { contentWidth, createDoc, drawTable, finish, para, quantity, tr, type Doc } from './layout.ts';
import type { PackingSlip, PackingSlipsPdfData } from './types.ts';

/** Packing slips: one order a page (a long one continues), large enough to read at the packing table. */

function slipPage(doc: Doc, lang: PackingSlipsPdfData['lang'], slip: PackingSlip): void {
  para(doc, tr(lang, 'pdf.slip.title'), { size: 22, bold: true, gap: 4 });
  para(doc, tr(lang, 'pdf.slip.order', { number: slip.number, date: slip.placedOn }), { size: 13, gap: 14 });

  para(doc, tr(lang, 'pdf.slip.shipTo'), { size: 13, bold: true, gap: 2 });
  para(doc, slip.customerName, { size: 13 });
  if (slip.phone) para(doc, tr(lang, 'pdf.slip.phone', { phone: slip.phone }), { size: 12 });
  para(doc, slip.deliveryLabel, { size: 12 });
  for (const line of slip.deliveryLines) para(doc, line, { size: 12 });
  doc.y += 12;

  const width = contentWidth(doc);
  drawTable(
    doc,
    [
      { header: tr(lang, 'pdf.slip.item'), width: width * 0.56, align: 'left' },
      { header: tr(lang, 'pdf.slip.sku'), width: width * 0.18, align: 'left' },
      { header: tr(lang, 'pdf.slip.quantity'), width: width * 0.13, align: 'right' },
      { header: tr(lang, 'pdf.slip.packed'), width: width * 0.13, align: 'left' },
    ],
    slip.lines.map((l) => [l.title, l.sku, quantity(lang, l.quantity), '☐']),
    { size: 12, headerSize: 11, padding: 6 },
  );
  doc.y += 8;
  para(doc, tr(lang, 'pdf.slip.count', { count: slip.units }), { size: 12, bold: true, gap: 12 });
  if (slip.note) {
    para(doc, tr(lang, 'pdf.slip.note'), { size: 12, bold: true, gap: 2 });
    para(doc, slip.note, { size: 12 });
  }
}

export function renderPackingSlipsPdf(data: PackingSlipsPdfData): Promise<Buffer> {
  const { lang } = data;
  const doc = createDoc({
    lang,
    title: `${tr(lang, 'pdf.slip.docTitle')} ${data.slips.map((s) => s.number).join(', ')}`,
    author: data.organisationName,
    subject: tr(lang, 'pdf.slip.docTitle'),
  });
  data.slips.forEach((slip, i) => {
    if (i > 0) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    }
    slipPage(doc, lang, slip);
  });
  return finish(doc, (page, pages) => tr(lang, 'pdf.page', { page, pages }));
}
