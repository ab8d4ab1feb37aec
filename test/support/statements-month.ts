import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import type { Config } from '../../src/config.ts';
import type { FileStorage } from '../../src/media/storage.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { saveAttendance, saveContributions } from '../../src/participants/work.ts';
import { getSettings } from '../../src/settings/service.ts';
import { finalisePeriod } from '../../src/stipends/service.ts';
import { checkoutInput, productInput } from '../integration/helpers.ts';

/** Sixteen participants, as many as a workshop has, with Lithuanian names of every length. */
export const PEOPLE = [
  'Ona Žukauskienė',
  'Jonas Ąžuolas',
  'Rūta Čepė',
  'Petras Šimkus',
  'Aldona Petrauskaitė-Vaitkevičienė',
  'Mindaugas Kazlauskas',
  'Eglė Jankauskaitė',
  'Tomas Stankevičius',
  'Gintarė Vasiliauskienė',
  'Darius Žemaitis',
  'Jurgita Butkutė',
  'Vytautas Paulauskas',
  'Lina Urbonaitė',
  'Saulius Kavaliauskas',
  'Ieva Navickaitė',
  'Kęstutis Ramanauskas',
] as const;

/** Days each came, in order: full, partial, one, two, none, and others. */
export const DAYS = [21, 18, 1, 2, 0, 21, 20, 15, 11, 10, 9, 19, 21, 3, 12, 17];

const GOODS = [
  { titleLt: 'Sojų vaško žvakė', titleEn: 'Soy wax candle', photo: true },
  { titleLt: 'Molinis puodelis', titleEn: 'Clay mug', photo: true },
  { titleLt: 'Lininis maišelis', titleEn: 'Linen bag', photo: true },
  { titleLt: 'Pjaustymo lentelė', titleEn: 'Cutting board', photo: false },
  { titleLt: 'Atvirukas su gėlėmis', titleEn: 'Card with flowers', photo: false },
  { titleLt: 'Rankų darbo muilas', titleEn: 'Handmade soap', photo: false },
];

export interface StatementsMonth {
  participants: string[];
  goods: string[];
}

/**
 * A finalised month to print statements from: 16 participants, six goods (three with a photo) sold
 * in one paid order; the first participant worked on all six, the others on one or two, the fifth
 * on none and came no day.
 */
export async function seedStatementsMonth(
  storage: FileStorage,
  config: Config,
  period: string,
  admin: { id: string; name: string },
): Promise<StatementsMonth> {
  const actor = { id: admin.id, role: 'admin', name: admin.name };
  const photo = await readFile(new URL('../fixtures/photo.jpg', import.meta.url));
  const goods: string[] = [];
  for (const [i, good] of GOODS.entries()) {
    const product = await createProduct(
      productInput({
        titleLt: good.titleLt,
        titleEn: good.titleEn,
        sku: `ST-${i + 1}`,
        price: 1200 + i * 350,
        stockQuantity: 20,
      }),
      good.photo ? [{ originalName: 'photo.jpg', buffer: photo }] : [],
      storage,
      { pricesIncludeVat: true },
    );
    await publishProduct(String(product._id));
    goods.push(String(product._id));
  }
  const participants: string[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    participants.push(
      await createParticipant(
        {
          displayName: name,
          code: `S-${String(i + 1).padStart(2, '0')}`,
          startDate: '2020-01-01',
          endDate: null,
          consentToName: false,
          publicName: '',
          iban: 'LT121000011101001000',
        },
        actor,
      ),
    );
  }
  await saveAttendance(period, new Map(participants.map((id, i) => [id, String(DAYS[i])])), actor);
  const cells = participants.flatMap((id, i) => {
    if (i === 4) return [];
    const worked =
      i === 0 ? goods : [goods[i % goods.length]!, ...(i % 3 === 0 ? [goods[(i + 1) % goods.length]!] : [])];
    return worked.map((targetId, g) => ({
      field: `c_${i}_${g}`,
      participantId: id,
      kind: 'product',
      targetId,
      value: String(1 + ((i + g) % 4)),
    }));
  });
  await saveContributions(period, cells, actor);
  const order = await placeOrder({
    items: goods.map((productId) => ({ productId, quantity: 3 })),
    form: checkoutInput(),
    lang: 'lt',
    settings: await getSettings(),
    cardPaymentsEnabled: false,
  });
  await markPaid(String(order._id), buildCommerce(config, pino({ level: 'silent' })).context('staff'));
  await finalisePeriod(period, actor);
  return { participants, goods };
}
