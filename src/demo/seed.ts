import mongoose from 'mongoose';
import { seedDemoLockers } from '../lockers/demo.ts';
import { Category, Product } from '../catalog/model.ts';
import type { ProductInput } from '../catalog/schemas.ts';
import { createCategory, createProduct, publishProduct } from '../catalog/service.ts';
import { removeImages } from '../media/images.ts';
import type { FileStorage } from '../media/storage.ts';
import { seedDemoParticipants } from '../participants/demo.ts';
import { SettingsModel } from '../settings/model.ts';
import { getSettings, logoImage, replaceLogo, savePickup, saveSettings } from '../settings/service.ts';
import { demoLogo } from './logo.ts';
import { countStaff, createStaff, type Role } from '../staff/service.ts';
import {
  DEMO_CATEGORIES,
  DEMO_GOODS,
  DEMO_SERVICES,
  DEMO_PICKUP,
  DEMO_SETTINGS,
  SERVICE_BACKGROUND,
  UNCATEGORISED_BACKGROUND,
  type DemoProduct,
} from './data.ts';
import { saveImpactText } from '../impact/service.ts';
import { seedDemoHistory } from './history.ts';
import { renderImages } from './images.ts';

/** The workshop's own words on its public impact page. */
const DEMO_IMPACT_TEXT = {
  lt: 'Mūsų dirbtuvėse kasdien dirba suaugę žmonės su negalia. Kiekvienas pirkinys virsta jų stipendija ir nauju darbu.',
  en: 'Adults with disabilities work in our workshop every day. Every purchase becomes their stipend and new work.',
};

/** The demo sign-ins, shared by the start-up print-out and the README. */
export const DEMO_ACCOUNTS = [
  { role: 'admin', email: 'admin@dirbtuves.test', password: 'demo-admin-2026', name: 'Rasa Petrauskienė' },
  {
    role: 'marketing',
    email: 'rinkodara@dirbtuves.test',
    password: 'demo-rinkodara-2026',
    name: 'Tomas Jankauskas',
  },
  {
    role: 'master',
    email: 'meistras@dirbtuves.test',
    password: 'demo-meistras-2026',
    name: 'Vida Kazlauskienė',
  },
] as const satisfies readonly { role: Role; email: string; password: string; name: string }[];

function account(role: Role) {
  return DEMO_ACCOUNTS.find((a) => a.role === role)!;
}

interface SeedOptions {
  storage: FileStorage;
  log: (msg: string) => void;
  /** The address in the links of the demo's stored e-mails (default http://localhost:3000). */
  publicUrl?: string;
}

/** True on the first start of an empty database: no staff, no products and no settings yet. */
async function isEmpty(): Promise<boolean> {
  const [staff, product, settings] = await Promise.all([
    countStaff(),
    Product.exists({}),
    SettingsModel.exists({}),
  ]);
  return staff === 0 && !product && !settings;
}

export async function seedDemoIfEmpty({ storage, log, publicUrl }: SeedOptions): Promise<boolean> {
  if (!(await isEmpty())) return false;
  await seedDemo({ storage, log, reset: false, publicUrl });
  return true;
}

/** Empties every collection of the app's database (sessions included) and removes the product images. */
async function wipe({ storage, log }: SeedOptions): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The database is not connected.');
  const products = await Product.find({}, { images: 1 }).lean();
  const logo = logoImage(await getSettings());
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const names = collections.map((c) => c.name).filter((name) => !name.startsWith('system.'));
  for (const name of names) await db.collection(name).deleteMany({});
  let images = 0;
  if (logo) await removeImages(storage, [logo]);
  for (const p of products) {
    await removeImages(storage, p.images);
    images += p.images.length;
  }
  log(
    `Emptied ${names.length} collections (${names.sort().join(', ')}) and removed ${images} product images.`,
  );
}

function accountsBlock(): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`);
  const rule = '-'.repeat(64);
  return [rule, ' DEMO ACCOUNTS (sample data only: never use them for real work)', rule, ...rows, rule].join(
    '\n',
  );
}

function background(p: DemoProduct): string {
  if (p.kind === 'service') return SERVICE_BACKGROUND;
  return DEMO_CATEGORIES.find((c) => c.slug === p.category)?.background ?? UNCATEGORISED_BACKGROUND;
}

async function seedProduct(
  p: DemoProduct,
  categoryIds: Map<string, string>,
  storage: FileStorage,
): Promise<string> {
  const input: ProductInput = {
    kind: p.kind,
    titleLt: p.titleLt,
    titleEn: p.titleEn,
    descriptionLt: p.descriptionLt,
    descriptionEn: p.descriptionEn,
    easyDescriptionLt: p.easyLt ?? '',
    easyDescriptionEn: p.easyEn ?? '',
    unitLt: p.unitLt,
    unitEn: p.unitEn,
    slug: '',
    sku: p.sku,
    category: p.category ? (categoryIds.get(p.category) ?? '') : '',
    price: p.price,
    vatRate: DEMO_SETTINGS.defaultVatRate,
    ...p.stock,
  };
  const pictures = await renderImages(p.drawing, background(p));
  const files = pictures.map((buffer) => ({ originalName: `seed-${p.sku}.png`, buffer }));
  const doc = await createProduct(input, files, storage, {
    pricesIncludeVat: DEMO_SETTINGS.pricesIncludeVat,
  });
  if (!p.draft) await publishProduct(String(doc._id));
  return String(doc._id);
}

/** Fills the database with a demo workshop; with `reset`, everything already there is deleted first. */
export async function seedDemo({
  storage,
  log,
  reset,
  publicUrl = 'http://localhost:3000',
}: SeedOptions & { reset: boolean }): Promise<void> {
  if (reset) await wipe({ storage, log });
  await saveSettings(DEMO_SETTINGS);
  await savePickup(DEMO_PICKUP);
  // The logo heads every e-mail the demo sends (views/mail/layout.mjml).
  await replaceLogo(storage, [
    { originalName: 'logo.png', buffer: await demoLogo(DEMO_SETTINGS.displayName) },
  ]);
  for (const a of DEMO_ACCOUNTS) {
    await createStaff({ email: a.email, name: a.name, role: a.role, password: a.password });
  }
  const categoryIds = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) {
    await createCategory({ nameLt: c.nameLt, nameEn: c.nameEn, slug: c.slug, position: c.position });
    const created = await Category.findOne({ slug: c.slug }, { _id: 1 }).lean();
    if (!created) throw new Error(`Demo category ${c.slug} was not saved.`);
    categoryIds.set(c.slug, String(created._id));
  }
  const all = [...DEMO_GOODS, ...DEMO_SERVICES];
  const products = new Map<string, string>();
  for (const p of all) products.set(p.sku, await seedProduct(p, categoryIds, storage));
  const drafts = all.filter((p) => p.draft).length;
  const { count: participants, ownPageToken } = await seedDemoParticipants();
  await saveImpactText(DEMO_IMPACT_TEXT, 'demo-seed');
  const lockers = await seedDemoLockers();
  const history = await seedDemoHistory({
    products,
    publicUrl,
    adminEmail: account('admin').email,
    marketingEmail: account('marketing').email,
  });
  log(
    `Demo data: ${DEMO_CATEGORIES.length} categories, ${DEMO_GOODS.length} goods and ${DEMO_SERVICES.length} ` +
      `services (${drafts} left as drafts) for "${DEMO_SETTINGS.displayName}"; ${participants} participants; ` +
      `${history.orders} orders, ${history.requests} business requests, ${history.fairs} fairs and ${history.costs} material cost ` +
      `over this and last month; ${lockers} parcel lockers of three networks.`,
  );
  log(accountsBlock());
  log(`A participant's own page (Aistė Vaitkutė, D-001): ${publicUrl}/p/${ownPageToken}`);
}
