/** Small helpers shared by the public and the staff pages of service requests. */
import type { Response } from 'express';

export type Values = Record<string, string>;

/** Only plain strings go back into the form: a crafted field (`companyName[$ne]`) never reaches a view. */
export function formValues(body: unknown): Values {
  const values: Values = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') values[k] = v;
  }
  return values;
}

export function sendPdf(res: Response, pdf: Buffer, fileName: string): void {
  res.set('Content-Type', 'application/pdf');
  res.set('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  res.set('X-Content-Type-Options', 'nosniff');
  res.send(pdf);
}

/** An XML file to download (an e-invoice, an i.SAF register). */
export function sendXml(res: Response, xml: string, fileName: string): void {
  res.set('Content-Type', 'application/xml; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  res.set('X-Content-Type-Options', 'nosniff');
  res.send(xml);
}
