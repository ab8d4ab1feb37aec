import type { LineInput } from '../services/pricing.ts';
import type { RequestInput } from '../services/schemas.ts';
import type { Lang } from '../web/i18n.ts';

/** Made-up businesses that ask the demo workshop for its services, and the quotes they get. */

export interface DemoBusiness {
  /** The requested service's SKU (see DEMO_SERVICES). */
  sku: string;
  lang: Lang;
  form: Omit<RequestInput, 'service' | 'desiredOn'>;
  /** The day wished for, this many days after the request. */
  desiredInDays: number;
  /** Quote lines, one list per version sent. */
  quotes: LineInput[][];
  /** Who accepts the quote on the tracking page, and from where. */
  acceptedBy?: { name: string; ip: string };
}

const line = (
  description: string,
  quantity: number,
  unitNetCents: number,
  unit = 'H87',
  discountCents = 0,
): LineInput => ({
  description,
  quantity,
  unit,
  unitNetCents,
  ...(discountCents ? { discountCents } : {}),
  vatRateBps: 2100,
});

/** Labelling: declined at first, quoted again with a discount, done, invoiced and paid. */
export const COFFEE: DemoBusiness = {
  sku: 'PASL-002',
  lang: 'lt',
  form: {
    companyName: 'UAB Baltijos kavos skrudykla',
    companyCode: '305512874',
    vatCode: 'LT100013427315',
    address: 'Liepų g. 14',
    city: 'Klaipėda',
    postcode: 'LT-92138',
    country: 'LT',
    contactName: 'Karolis Mažeika',
    email: 'karolis@baltijos-kava.example.lt',
    phone: '+370 46 412345',
    description:
      'Reikia užklijuoti etiketes su partijos numeriu ir galiojimo data ant 3000 kavos pakuočių ' +
      '(250 g). Etiketes atsiųsime patys, pakuotes atvešime ir pasiimsime.',
    quantity: 3000,
  },
  desiredInDays: 13,
  quotes: [
    [line('Etikečių klijavimas, 100 vnt. pakuočių', 30, 1100, 'SET')],
    // The same work with 10 % off the line: 30 × 11,00 − 33,00 = 297,00 € without VAT.
    [line('Etikečių klijavimas, 100 vnt. pakuočių', 30, 1100, 'SET', 3300)],
  ],
  acceptedBy: { name: 'Karolis Mažeika', ip: '203.0.113.24' },
};

/** Gift sets: accepted, scheduled and in progress. */
export const ENERGY: DemoBusiness = {
  sku: 'PASL-003',
  lang: 'lt',
  form: {
    companyName: 'UAB Pajūrio energija',
    companyCode: '302845163',
    vatCode: 'LT100007391218',
    address: 'Rotušės a. 3',
    city: 'Kretinga',
    postcode: 'LT-97111',
    country: 'LT',
    contactName: 'Eglė Norkienė',
    email: 'egle.norkiene@pajurio-energija.example.lt',
    phone: '+370 445 77001',
    description:
      'Metų pabaigos dovanos 60 darbuotojų: žvakė, muilas ir atvirukas su mūsų sveikinimu, ' +
      'supakuoti į dėžutes su kaspinu.',
    quantity: 60,
  },
  desiredInDays: 14,
  quotes: [
    [
      line('Dovanų rinkinių surinkimas, 10 rinkinių', 6, 3306, 'SET'),
      line('Sojų vaško žvakė su levandomis', 60, 992),
      line('Natūralus muilas su avižomis', 60, 455),
    ],
  ],
  acceptedBy: { name: 'Eglė Norkienė', ip: '198.51.100.7' },
};

/** Packing: quoted, waiting for the business's answer. */
export const HONEY: DemoBusiness = {
  sku: 'PASL-001',
  lang: 'lt',
  form: {
    companyName: 'UAB Žemaitijos medus',
    companyCode: '304418297',
    vatCode: '',
    address: 'Sodų g. 2',
    city: 'Salantai',
    postcode: 'LT-97126',
    country: 'LT',
    contactName: 'Vytautas Jonaitis',
    email: 'vytautas@zemaitijos-medus.example.lt',
    phone: '+370 686 12121',
    description: 'Supakuoti 500 medaus stiklainių po 3 į dovanų dėžutes ir užklijuoti mūsų lipdukus.',
    quantity: 500,
  },
  desiredInDays: 21,
  quotes: [[line('Pakavimas į dovanų dėžutes, 100 vnt.', 5, 2066, 'SET')]],
};

/** Catering, asked in English: just submitted, nothing attached. */
export const NORDIC: DemoBusiness = {
  sku: 'PASL-005',
  lang: 'en',
  form: {
    companyName: 'UAB Nordic Trail Baltic',
    companyCode: '306377120',
    vatCode: '',
    address: '',
    city: '',
    postcode: '',
    country: 'LT',
    contactName: 'Anna Lindqvist',
    email: 'anna.lindqvist@nordictrail.example.com',
    phone: '+370 612 00777',
    description:
      'Coffee breaks for a one-day guide training in Kretinga: 25 people, morning and afternoon, ' +
      'with something vegetarian.',
    quantity: 25,
  },
  desiredInDays: 18,
  quotes: [],
};
