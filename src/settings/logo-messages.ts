/** Words of the logo page (`/admin/settings/logo`). */
export const settingsLogoLt = {
  'settingsLogo.link': 'Logotipas el. laiškams',
  'settingsLogo.title': 'Logotipas',
  'settingsLogo.intro':
    'Logotipas rodomas kiekvieno el. laiško viršuje (užsakymų, paslaugų ir darbuotojų laiškų). Be logotipo rodomas dirbtuvių pavadinimas.',
  'settingsLogo.current': 'Dabartinis logotipas',
  'settingsLogo.none': 'Logotipo nėra: laiškuose rodomas pavadinimas „{name}“.',
  'settingsLogo.upload': 'Logotipo paveikslėlis',
  'settingsLogo.replace': 'Naujas logotipo paveikslėlis',
  'settingsLogo.hint':
    'JPEG, PNG, WebP, AVIF, HEIC ar GIF, iki {max} MB. Geriausia platus, su skaidriu arba baltu fonu.',
  'settingsLogo.save': 'Įkelti logotipą',
  'settingsLogo.remove': 'Pašalinti logotipą',
  'settingsLogo.saved': 'Logotipas išsaugotas.',
  'settingsLogo.removed': 'Logotipas pašalintas: laiškuose rodomas pavadinimas.',
  'settingsLogo.errors.oneFile': 'Pasirinkite vieną paveikslėlio failą.',
} as const;

export const settingsLogoEn: Record<keyof typeof settingsLogoLt, string> = {
  'settingsLogo.link': 'Logo for e-mails',
  'settingsLogo.title': 'Logo',
  'settingsLogo.intro':
    "The logo heads every e-mail (orders, services and staff e-mails). Without a logo the workshop's name is shown.",
  'settingsLogo.current': 'Current logo',
  'settingsLogo.none': 'No logo: e-mails show the name “{name}”.',
  'settingsLogo.upload': 'Logo image',
  'settingsLogo.replace': 'New logo image',
  'settingsLogo.hint':
    'JPEG, PNG, WebP, AVIF, HEIC or GIF, up to {max} MB. Wide, on a transparent or white background works best.',
  'settingsLogo.save': 'Upload the logo',
  'settingsLogo.remove': 'Remove the logo',
  'settingsLogo.saved': 'Logo saved.',
  'settingsLogo.removed': 'Logo removed: e-mails show the name.',
  'settingsLogo.errors.oneFile': 'Choose one image file.',
};
