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

/** A file's size in words: kB below a megabyte, else MB with one decimal, as the language writes it. */
export function fileSize(bytes: number, lang: 'lt' | 'en'): string {
  const locale = lang === 'en' ? 'en-IE' : 'lt-LT';
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
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
