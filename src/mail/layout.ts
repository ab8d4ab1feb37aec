/**
 * The one layout of every e-mail the app sends: a header with the workshop's logo (or its name in
 * text), the content, and a footer with the workshop's contacts. The layout is written in MJML
 * (`views/mail/layout.mjml`), which gives tables and inline styles that common mail clients read.
 * MJML is slow (tens of milliseconds), so it is compiled to HTML once, at first use, and that HTML
 * is a Handlebars template filled per e-mail (well under a millisecond).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { getSettings } from '../settings/service.ts';
import { translate, type Lang } from '../web/i18n.ts';

const LAYOUT = path.resolve(import.meta.dirname, '..', '..', 'views', 'mail', 'layout.mjml');

/** The workshop as an e-mail shows it. */
export interface Branding {
  name: string;
  /** Absolute URL of the logo (PNG), or '' when the workshop has none: its name is shown instead. */
  logoUrl: string;
  email: string;
  phone: string;
  address: string;
}

export interface LayoutInput {
  lang: Lang;
  subject: string;
  /** The line mail programs show after the subject in the inbox; the subject when empty. */
  preheader?: string;
  /** The message's HTML, already escaped where it holds data. */
  contentHtml: string;
  /** A last line under the contacts (why the e-mail was sent). */
  footer?: string;
  branding: Branding;
}

type Template = (context: unknown) => string;
let compiled: Promise<Template> | undefined;

/** Compiles the MJML layout to a Handlebars template, once per process. */
export async function compileLayout(): Promise<Template> {
  compiled ??= (async () => {
    const source = readFileSync(LAYOUT, 'utf8');
    // No web fonts: MJML would link Google Fonts by default, which mail clients block or leak.
    const result = await mjml2html(source, { validationLevel: 'strict', fonts: {}, keepComments: false });
    if (result.errors.length > 0) {
      throw new Error(`mail layout: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
    }
    return Handlebars.create().compile(result.html, { strict: false });
  })().catch((err: unknown) => {
    compiled = undefined;
    throw err;
  });
  return compiled;
}

/** The public path of the workshop's logo as a PNG for e-mails (see `mail/logo.ts`). */
export const MAIL_LOGO_PATH = '/mail-logo.png';

/**
 * The workshop's name, logo and contacts from the settings. The logo is addressed by the app's
 * public URL with a version (its storage key), so mail programs never keep an old one.
 */
export async function brandingFromSettings(publicUrl: string): Promise<Branding> {
  const s = await getSettings();
  const logoKey = (s as { logoKey?: string | null }).logoKey ?? '';
  return {
    name: s.displayName,
    logoUrl: logoKey ? `${publicUrl}${MAIL_LOGO_PATH}?v=${encodeURIComponent(logoVersion(logoKey))}` : '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    address: s.address ?? '',
  };
}

/** A short, stable version of a storage key (`branding/<hex>.webp` → the first hex digits). */
export function logoVersion(key: string): string {
  return (/([a-f0-9]{8})[a-f0-9]*\.webp$/.exec(key)?.[1] ?? 'logo').slice(0, 8);
}

/** The contact lines of the footer, in the mail's language; none for an empty detail. */
function contactLines(lang: Lang, b: Branding): string[] {
  return [
    ...(b.address ? [translate(lang, 'mailLayout.address', { address: b.address })] : []),
    ...(b.email ? [translate(lang, 'mailLayout.email', { email: b.email })] : []),
    ...(b.phone ? [translate(lang, 'mailLayout.phone', { phone: b.phone })] : []),
  ];
}

/** The whole HTML e-mail: the layout filled with this message. */
export async function inLayout(input: LayoutInput): Promise<string> {
  const template = await compileLayout();
  return template({
    lang: input.lang,
    subject: input.subject,
    preheader: input.preheader || input.subject,
    name: input.branding.name,
    logoUrl: input.branding.logoUrl,
    contacts: contactLines(input.lang, input.branding),
    footer: input.footer ?? '',
    content: input.contentHtml,
  });
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
