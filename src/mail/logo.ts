/**
 * `GET /mail-logo.png`: the workshop's logo as the e-mails show it. Stored photos are WebP, which
 * some mail programs (Outlook for Windows) cannot show, so the logo is served as a PNG fitted into
 * the header's box (twice its size, for sharp screens), made once per logo and kept in memory.
 */
import { Router } from 'express';
import sharp from 'sharp';
import type { FileStorage } from '../media/storage.ts';
import { getSettings, logoImage } from '../settings/service.ts';

/** The header's box in CSS pixels (views/mail/layout.mjml: width 220px, height 56px). */
export const LOGO_BOX = { width: 220, height: 56 } as const;

let cached: { key: string; png: Buffer } | undefined;

/** The logo fitted into twice the header's box on white, or null when there is none. */
export async function mailLogoPng(storage: FileStorage): Promise<Buffer | null> {
  const logo = logoImage(await getSettings());
  if (!logo) return null;
  if (cached?.key === logo.key) return cached.png;
  const data = await storage.read(logo.key);
  if (!data) return null;
  const png = await sharp(data, { failOn: 'error' })
    .resize({
      width: LOGO_BOX.width * 2,
      height: LOGO_BOX.height * 2,
      fit: 'contain',
      position: 'left',
      background: { r: 255, g: 255, b: 255, alpha: 1 },
    })
    // On white, not transparent: a mail program in dark mode keeps the logo readable as a white badge.
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  cached = { key: logo.key, png };
  return png;
}

export function mailLogoRoute(storage: FileStorage): Router {
  const router = Router();
  router.get('/mail-logo.png', async (_req, res) => {
    const png = await mailLogoPng(storage);
    if (!png) {
      res.status(404).type('text/plain').send('');
      return;
    }
    // The address carries the logo's version (?v=), so a day's caching never shows an old logo long.
    res.set('Cache-Control', 'public, max-age=86400').type('png').send(png);
  });
  return router;
}
