import sharp from 'sharp';

/**
 * The demo workshop's logo: a wave mark and its name, drawn as SVG and rendered to PNG, so it goes
 * through the real upload pipeline (checked, re-encoded) like a logo an administrator uploads.
 */
export async function demoLogo(name: string): Promise<Buffer> {
  const [first = name, ...rest] = name.split(' ');
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="880" height="224" viewBox="0 0 880 224">
  <rect x="8" y="8" width="208" height="208" rx="48" fill="#9c4221"/>
  <circle cx="112" cy="84" r="34" fill="#ffd166"/>
  <path d="M36 150 q19 -22 38 0 t38 0 t38 0 t38 0" stroke="#ffffff" stroke-width="14" fill="none" stroke-linecap="round"/>
  <path d="M36 182 q19 -22 38 0 t38 0 t38 0 t38 0" stroke="#8ecae6" stroke-width="14" fill="none" stroke-linecap="round"/>
  <text x="248" y="104" font-family="DejaVu Sans, sans-serif" font-size="64" font-weight="bold" fill="#9c4221">${escape(first)}</text>
  <text x="248" y="176" font-family="DejaVu Sans, sans-serif" font-size="52" fill="#2a211c">${escape(rest.join(' '))}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
