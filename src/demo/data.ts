import type { SettingsForm } from '../settings/schemas.ts';
import type { PickupInput } from '../settings/pickup.ts';
import type { Drawing } from './images.ts';

/** A fictional workshop in Kretinga: the demo organisation, its categories, goods and services. */

export const DEMO_SETTINGS: SettingsForm = {
  displayName: 'Pajūrio dirbtuvės',
  legalName: 'VšĮ Pajūrio socialinės dirbtuvės',
  companyCode: '306124584',
  vatPayer: true,
  vatCode: 'LT100045612',
  address: 'Vilniaus g. 12',
  city: 'Kretinga',
  postcode: 'LT-97104',
  country: 'LT',
  email: 'info@dirbtuves.test',
  phone: '+370 445 51234',
  iban: 'LT737300010012345678',
  bankName: 'Swedbank, AB',
  bic: 'HABALT22',
  paymentWorkdays: 1,
  pricesIncludeVat: true,
  defaultVatRate: 2100,
  courierFee: 499,
  parcelLockerFee: 299,
  transferDueDays: 7,
  invoiceSeries: 'DRB',
  invoiceDueDays: 14,
  quoteValidityDays: 30,
  aboutLt:
    'Pajūrio socialinės dirbtuvės – dienos užimtumo vieta Kretingoje, kur suaugę žmonės su intelekto ir ' +
    'psichosocialine negalia kasdien kuria keramiką, žvakes, muilą, tekstilę ir medžio dirbinius. ' +
    'Kiekvienas gaminys padarytas rankomis, padedant užimtumo specialistams. Įmonėms teikiame pakavimo, ' +
    'ženklinimo, spausdinimo ir maitinimo paslaugas, o mūsų dalyviai taip įgyja darbo įgūdžių.',
  aboutEn:
    'Pajūrio socialinės dirbtuvės is a day centre in Kretinga where adults with intellectual and psychosocial ' +
    'disabilities make ceramics, candles, soap, textiles and woodwork. Every item is handmade with the ' +
    'support of our staff. We also offer businesses packing, labelling, printing and catering services, ' +
    'which give our participants real work experience.',
};

/** Pickup at the demo workshop: weekdays with a shorter Friday, and how to find the door. */
export const DEMO_PICKUP: PickupInput = {
  hours: [
    ...[1, 2, 3, 4].map((day) => ({ day, open: '09:00', close: '16:00' })),
    { day: 5, open: '09:00', close: '14:00' },
  ],
  instructions: {
    lt: 'Įėjimas iš kiemo pusės, pro žalias duris. Paskambinkite, jei durys uždarytos – išeisime pasitikti.',
    en: 'The entrance is from the yard, through the green door. Call us if it is closed and we will come out.',
  },
};

export interface DemoCategory {
  slug: string;
  nameLt: string;
  nameEn: string;
  position: number;
  /** Background colour of the category's product pictures. */
  background: string;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { slug: 'keramika', nameLt: 'Keramika', nameEn: 'Ceramics', position: 1, background: '#f2d3bf' },
  {
    slug: 'zvakes-ir-muilas',
    nameLt: 'Žvakės ir muilas',
    nameEn: 'Candles and soap',
    position: 2,
    background: '#f6e6c4',
  },
  { slug: 'tekstile', nameLt: 'Tekstilė', nameEn: 'Textiles', position: 3, background: '#efd6d2' },
  {
    slug: 'medzio-dirbiniai',
    nameLt: 'Medžio dirbiniai',
    nameEn: 'Woodwork',
    position: 4,
    background: '#e6d8bd',
  },
];

/** Picture backgrounds for goods without a category and for services. */
export const UNCATEGORISED_BACKGROUND = '#efe3d2';
export const SERVICE_BACKGROUND = '#e4ddcf';

type Stock = { stockMode: 'stock' | 'made_to_order'; stockQuantity: number; leadTimeDays: number };
const inStock = (quantity: number): Stock => ({
  stockMode: 'stock',
  stockQuantity: quantity,
  leadTimeDays: 0,
});
const toOrder = (days: number): Stock => ({
  stockMode: 'made_to_order',
  stockQuantity: 0,
  leadTimeDays: days,
});

export interface DemoProduct {
  kind: 'good' | 'service';
  sku: string;
  /** A DemoCategory slug, or '' for none. */
  category: string;
  titleLt: string;
  titleEn: string;
  descriptionLt: string;
  descriptionEn: string;
  /** The easy-read description (short sentences), on some goods to show the easy-read view. */
  easyLt?: string;
  easyEn?: string;
  unitLt: string;
  unitEn: string;
  /** Price with VAT, in cents. */
  price: number;
  stock: Stock;
  /** Left as a draft so the admin list shows both states. */
  draft?: boolean;
  drawing: Drawing;
}

const PC = { unitLt: 'vnt.', unitEn: 'pc' };
const PAIR = { unitLt: 'pora', unitEn: 'pair' };
const SET = { unitLt: 'rinkinys', unitEn: 'set' };
const HUNDRED = { unitLt: '100 vnt.', unitEn: '100 pcs' };

export const DEMO_GOODS: DemoProduct[] = [
  {
    kind: 'good',
    sku: 'KER-001',
    category: 'keramika',
    ...PC,
    price: 1400,
    stock: inStock(12),
    titleLt: 'Keramikinis puodelis „Jūra“',
    titleEn: 'Ceramic mug “Sea”',
    descriptionLt:
      'Rankomis žiestas 300 ml puodelis, padengtas jūros spalvų glazūra. Kiekvienas puodelis šiek tiek skiriasi – tai rankų darbo žavesys. Galima plauti indaplovėje.',
    descriptionEn:
      'A hand-thrown 300 ml mug with a sea-coloured glaze. Every mug is slightly different – that is the charm of handmade. Dishwasher safe.',
    easyLt: 'Puodelis iš molio. Jį padarėme rankomis. Jis mėlynas kaip jūra. Galima plauti indaplovėje.',
    easyEn:
      'A cup made of clay. We made it by hand. It is blue like the sea. You can wash it in the dishwasher.',
    drawing: { shape: 'mug', colors: ['#3f7486', '#8fb3b0'], accent: '#efe6d2' },
  },
  {
    kind: 'good',
    sku: 'KER-002',
    category: 'keramika',
    ...PC,
    price: 1850,
    stock: inStock(6),
    titleLt: 'Molinė vazelė',
    titleEn: 'Small clay vase',
    descriptionLt:
      'Nedidelė terakotos spalvos vazelė sausoms gėlėms ar keliems žiedams iš sodo. Vidus glazūruotas, todėl galima pilti vandens. Aukštis – apie 15 cm.',
    descriptionEn:
      'A small terracotta vase for dried flowers or a few stems from the garden. The inside is glazed, so it holds water. About 15 cm tall.',
    drawing: { shape: 'vase', colors: ['#b5603b', '#c98b5e'], accent: '#f3dcc2' },
  },
  {
    kind: 'good',
    sku: 'KER-003',
    category: 'keramika',
    ...PC,
    price: 1600,
    stock: toOrder(14),
    draft: true,
    titleLt: 'Keramikinis dubenėlis',
    titleEn: 'Ceramic bowl',
    descriptionLt:
      'Gilus dubenėlis košei, sriubai ar salotoms, matine išore ir blizgiu vidumi. Gaminame pagal užsakymą, spalvą galite pasirinkti. Talpa – apie 500 ml.',
    descriptionEn:
      'A deep bowl for porridge, soup or salad, matte outside and glossy inside. Made to order in the colour you choose. Holds about 500 ml.',
    drawing: { shape: 'bowl', colors: ['#d9c7a3'], accent: '#6a8f6b' },
  },
  {
    kind: 'good',
    sku: 'KER-004',
    category: 'keramika',
    ...PAIR,
    price: 2200,
    stock: inStock(0),
    titleLt: 'Espreso puodelių pora',
    titleEn: 'Pair of espresso cups',
    descriptionLt:
      'Du maži 90 ml puodeliai rytinei kavai dviese, balta glazūra su rudu krašteliu. Šiuo metu išparduota – netrukus išdegsime naują partiją.',
    descriptionEn:
      'Two small 90 ml cups for a morning coffee for two, white glaze with a brown rim. Sold out for now – a new batch goes into the kiln soon.',
    drawing: { shape: 'mug', colors: ['#efe9df'], accent: '#7a4a2e' },
  },
  {
    kind: 'good',
    sku: 'ZVK-001',
    category: 'zvakes-ir-muilas',
    ...PC,
    price: 1200,
    stock: inStock(25),
    titleLt: 'Sojų vaško žvakė su levandomis',
    titleEn: 'Soy wax candle with lavender',
    descriptionLt:
      'Žvakė iš sojų vaško su levandų eteriniu aliejumi. Dega apie 30 valandų, medvilninis dagtis nerūksta. Puiki dovana mokytojai ar kolegai.',
    descriptionEn:
      'A soy wax candle scented with lavender essential oil. It burns for about 30 hours on a clean cotton wick. A lovely gift for a teacher or a colleague.',
    easyLt: 'Žvakė iš sojų vaško. Ji kvepia levandomis. Ji dega apie 30 valandų.',
    easyEn: 'A candle made of soy wax. It smells of lavender. It burns for about 30 hours.',
    drawing: { shape: 'candle', colors: ['#b9a4cf', '#efe6d6'], accent: '#6d5a8a' },
  },
  {
    kind: 'good',
    sku: 'ZVK-002',
    category: 'zvakes-ir-muilas',
    ...PC,
    price: 950,
    stock: inStock(18),
    titleLt: 'Bičių vaško žvakė',
    titleEn: 'Beeswax candle',
    descriptionLt:
      'Stulpelio formos žvakė iš Žemaitijos bitininkų vaško. Skleidžia švelnų medaus kvapą ir dega ilgai bei tolygiai. Aukštis – apie 10 cm.',
    descriptionEn:
      'A pillar candle made from the wax of Samogitian beekeepers. It smells gently of honey and burns long and evenly. About 10 cm tall.',
    drawing: { shape: 'candle', colors: ['#e9b949'], accent: '#a8741a' },
  },
  {
    kind: 'good',
    sku: 'MUI-001',
    category: 'zvakes-ir-muilas',
    ...PC,
    price: 550,
    stock: inStock(30),
    titleLt: 'Natūralus muilas su avižomis',
    titleEn: 'Natural oat soap',
    descriptionLt:
      'Švelnus muilas iš alyvuogių ir kokosų aliejų su maltomis avižomis. Tinka jautriai odai, be sintetinių kvapų ir dažiklių. Gabalėlis sveria apie 100 g.',
    descriptionEn:
      'A mild soap made from olive and coconut oils with ground oats. Suits sensitive skin; no synthetic fragrances or colourants. Each bar weighs about 100 g.',
    easyLt: 'Muilas su avižomis. Jis švelnus odai. Jame nėra kvapų.',
    easyEn: 'Soap with oats. It is soft on your skin. It has no perfume.',
    drawing: { shape: 'soap', colors: ['#e8d7b0'], accent: '#9a8a4f' },
  },
  {
    kind: 'good',
    sku: 'MUI-002',
    category: 'zvakes-ir-muilas',
    ...SET,
    price: 1400,
    stock: inStock(8),
    titleLt: 'Muilo rinkinys „Pajūris“',
    titleEn: 'Soap set “Seaside”',
    descriptionLt:
      'Trys muilo gabalėliai: su jūros dumbliais, šaltalankiais ir ramunėlėmis. Supakuoti į perdirbto popieriaus dėžutę su kaspinu, tad tinka dovanai.',
    descriptionEn:
      'Three bars of soap: seaweed, sea buckthorn and chamomile. Packed in a recycled paper box tied with a ribbon, ready to give as a present.',
    drawing: { shape: 'soap', colors: ['#8fb0a6', '#e7a45a'], accent: '#fff7e8' },
  },
  {
    kind: 'good',
    sku: 'DOV-001',
    category: 'zvakes-ir-muilas',
    ...PC,
    price: 3500,
    stock: toOrder(5),
    titleLt: 'Dovanų dėžutė „Pajūrio rytas“',
    titleEn: 'Gift box “Seaside morning”',
    descriptionLt:
      'Dėžutėje – sojų vaško žvakė, natūralaus muilo gabalėlis ir atvirukas. Dėžutes surenkame pagal užsakymą, todėl galime įdėti jūsų palinkėjimą. Tinka gimtadieniui, padėkai ar šventėms.',
    descriptionEn:
      'The box holds a soy wax candle, a bar of natural soap and a postcard. We put each box together to order, so we can add your own message. Good for birthdays, thank-yous and holidays.',
    drawing: { shape: 'giftbox', colors: ['#c7553f', '#3f6e5a'], accent: '#f2d28b' },
  },
  {
    kind: 'good',
    sku: 'TEK-001',
    category: 'tekstile',
    ...PAIR,
    price: 3800,
    stock: toOrder(21),
    titleLt: 'Veltos vilnonės šlepetės',
    titleEn: 'Felted wool slippers',
    descriptionLt:
      'Šiltos šlepetės, veltos iš lietuviškos avių vilnos, su neslidžiu odiniu padu. Veliame pagal jūsų dydį – užsakydami nurodykite pėdos ilgį. Vilna sugeria drėgmę, todėl kojos nešąla.',
    descriptionEn:
      'Warm slippers felted from Lithuanian sheep’s wool, with non-slip leather soles. We make them in your size – give your foot length when you order. Wool absorbs moisture, so feet stay warm and dry.',
    easyLt: 'Šiltos šlepetės iš vilnos. Pagaminame jas jūsų dydžio. Tai trunka apie 3 savaites.',
    easyEn: 'Warm slippers made of wool. We make them in your size. This takes about 3 weeks.',
    drawing: { shape: 'slippers', colors: ['#8c6f5a', '#9fae98'], accent: '#d86f4e' },
  },
  {
    kind: 'good',
    sku: 'TEK-002',
    category: 'tekstile',
    ...PAIR,
    price: 1600,
    stock: inStock(10),
    titleLt: 'Megztos vilnonės kojinės',
    titleEn: 'Hand-knitted wool socks',
    descriptionLt:
      'Storos rankomis megztos kojinės iš vilnos mišinio su tradiciniais dryžiais. Tinka žiemai, žygiams ar tiesiog namams. Dydžiai nuo 36 iki 44.',
    descriptionEn:
      'Thick hand-knitted socks in a wool blend with traditional stripes. Made for winter, hiking or simply staying in. Sizes 36 to 44.',
    drawing: { shape: 'socks', colors: ['#9c3d3a', '#4b6a88'], accent: '#f1e4cf' },
  },
  {
    kind: 'good',
    sku: 'TEK-003',
    category: 'tekstile',
    ...PC,
    price: 900,
    stock: inStock(20),
    titleLt: 'Lininis pirkinių maišelis',
    titleEn: 'Linen shopping bag',
    descriptionLt:
      'Tvirtas maišelis iš lietuviško lino su rankomis atspaustu lapo raštu. Talpina iki 10 kg pirkinių ir pakeičia dešimtis plastikinių maišelių. Galima skalbti 30 °C temperatūroje.',
    descriptionEn:
      'A sturdy bag made of Lithuanian linen with a hand-printed leaf. It carries up to 10 kg of shopping and replaces dozens of plastic bags. Machine washable at 30 °C.',
    drawing: { shape: 'bag', colors: ['#cdbb9b'], accent: '#5d7a4a' },
  },
  {
    kind: 'good',
    sku: 'MED-001',
    category: 'medzio-dirbiniai',
    ...PC,
    price: 3200,
    stock: inStock(5),
    titleLt: 'Ąžuolinė pjaustymo lentelė',
    titleEn: 'Oak cutting board',
    descriptionLt:
      'Masyvaus ąžuolo lentelė duonai, sūriui ar daržovėms pjaustyti, patepta maistiniu aliejumi. Turi rankeną su skylute pakabinti. Dydis – apie 35 × 22 cm.',
    descriptionEn:
      'A solid oak board for bread, cheese or vegetables, finished with food-safe oil. It has a handle with a hole for hanging. About 35 × 22 cm.',
    easyLt: 'Lentelė iš ąžuolo. Ant jos galima pjaustyti duoną ir daržoves.',
    easyEn: 'A board made of oak. You can cut bread and vegetables on it.',
    drawing: { shape: 'board', colors: ['#b9854f', '#9a6a3c'], accent: '#7a5230' },
  },
  {
    kind: 'good',
    sku: 'MED-002',
    category: 'medzio-dirbiniai',
    ...PC,
    price: 1500,
    stock: toOrder(10),
    titleLt: 'Medinis žaislas „Mašinėlė“',
    titleEn: 'Wooden toy car',
    descriptionLt:
      'Iš beržo išpjauta mašinėlė su besisukančiais ratukais, kruopščiai nušlifuota. Padengta vaikams saugiu vašku, be dažų. Tinka vaikams nuo 3 metų.',
    descriptionEn:
      'A toy car cut from birch with spinning wheels, carefully sanded smooth. Finished with child-safe wax, no paint. Suitable for children from 3 years.',
    drawing: { shape: 'toy', colors: ['#e2c08d'], accent: '#c0563b' },
  },
  {
    kind: 'good',
    sku: 'MED-003',
    category: 'medzio-dirbiniai',
    ...PC,
    price: 2400,
    stock: toOrder(14),
    draft: true,
    titleLt: 'Medinis inkilas',
    titleEn: 'Wooden birdhouse',
    descriptionLt:
      'Pušinis inkilas zylėms su nuimamu stogeliu, kad būtų patogu išvalyti. Pakabinkite anksti pavasarį 2–3 m aukštyje, atokiau nuo kačių.',
    descriptionEn:
      'A pine nest box for tits with a removable roof for easy cleaning. Hang it in early spring 2–3 m above the ground, out of cats’ reach.',
    drawing: { shape: 'birdhouse', colors: ['#c99a64'], accent: '#6b4a2f' },
  },
  {
    kind: 'good',
    sku: 'ATV-001',
    category: '',
    ...SET,
    price: 600,
    stock: inStock(15),
    titleLt: 'Atvirukų rinkinys „Kretingos sodai“',
    titleEn: 'Postcard set “Gardens of Kretinga”',
    descriptionLt:
      'Penki atvirukai su dirbtuvių dalyvių piešiniais, išspausdinti ant storo perdirbto popieriaus. Prie kiekvieno atviruko – vokas. Tinka sveikinimams ir padėkoms.',
    descriptionEn:
      'Five postcards with drawings by our workshop participants, printed on thick recycled paper. Each card comes with an envelope. Nice for greetings and thank-you notes.',
    drawing: { shape: 'cards', colors: ['#7a9e7e', '#e0a458'], accent: '#f3c969' },
  },
];

export const DEMO_SERVICES: DemoProduct[] = [
  {
    kind: 'service',
    sku: 'PASL-001',
    category: '',
    ...HUNDRED,
    price: 2500,
    stock: toOrder(7),
    titleLt: 'Pakavimas ir surinkimas',
    titleEn: 'Packing and assembly',
    descriptionLt:
      'Supakuojame jūsų gaminius, surenkame rinkinius ar sudedame reklaminę medžiagą į vokus. Darbą atlieka dirbtuvių dalyviai, prižiūrimi darbo vadovo, o prieš grąžindami patikriname kokybę. Kaina nurodyta už 100 vienetų, didesniems kiekiams pateiksime atskirą pasiūlymą.',
    descriptionEn:
      'We pack your products, assemble kits or put promotional material into envelopes. Workshop participants do the work under a supervisor, and we check the quality before returning it. The price is per 100 units; larger volumes are quoted separately.',
    easyLt: 'Mes supakuojame jūsų daiktus į dėžes. Galime ir surinkti rinkinius.',
    easyEn: 'We pack your things into boxes. We can also put sets together.',
    drawing: { shape: 'box', colors: ['#c8a274'], accent: '#6f8fa8' },
  },
  {
    kind: 'service',
    sku: 'PASL-002',
    category: '',
    ...HUNDRED,
    price: 1200,
    stock: toOrder(5),
    titleLt: 'Ženklinimas ir etikečių klijavimas',
    titleEn: 'Labelling',
    descriptionLt:
      'Klijuojame etiketes, brūkšninius kodus ar lipdukus ant pakuočių, butelių ir dėžučių. Galime ir atspausdinti jūsų atsiųstas etiketes. Kaina nurodyta už 100 vienetų.',
    descriptionEn:
      'We apply labels, barcodes or stickers to packages, bottles and boxes. We can also print the labels you send us. The price is per 100 units.',
    drawing: { shape: 'label', colors: ['#f3e6c6'], accent: '#c0563b' },
  },
  {
    kind: 'service',
    sku: 'PASL-003',
    category: '',
    unitLt: '10 rinkinių',
    unitEn: '10 sets',
    price: 4000,
    stock: toOrder(10),
    titleLt: 'Dovanų rinkinių ruošimas įmonių renginiams',
    titleEn: 'Gift sets for corporate events',
    descriptionLt:
      'Paruošiame dovanų rinkinius darbuotojams, klientams ar konferencijų dalyviams iš mūsų gaminių arba jūsų atsiųstų prekių. Pasirūpiname dėžutėmis, kaspinais ir atvirukais su jūsų tekstu. Kaina nurodyta už 10 rinkinių surinkimą, gaminiai skaičiuojami atskirai.',
    descriptionEn:
      'We prepare gift sets for staff, clients or conference guests, using our own products or items you send us. We take care of boxes, ribbons and cards with your message. The price covers assembling 10 sets; products are charged separately.',
    drawing: { shape: 'giftbox', colors: ['#3f6e5a'], accent: '#e0b04f' },
  },
  {
    kind: 'service',
    sku: 'PASL-004',
    category: '',
    unitLt: '10 egz.',
    unitEn: '10 copies',
    price: 1800,
    stock: toOrder(5),
    titleLt: 'Spausdinimas ir įrišimas',
    titleEn: 'Printing and binding',
    descriptionLt:
      'Spausdiname ir spirale įrišame ataskaitas, darbo sąsiuvinius, meniu ar renginių programas. Galime laminuoti viršelius ir sulankstyti lankstinukus. Kaina nurodyta už 10 egzempliorių iki 40 puslapių.',
    descriptionEn:
      'We print and spiral-bind reports, workbooks, menus and event programmes. We can also laminate covers and fold leaflets. The price is for 10 copies of up to 40 pages.',
    drawing: { shape: 'notebook', colors: ['#4b6a88'], accent: '#f1e4cf' },
  },
  {
    kind: 'service',
    sku: 'PASL-005',
    category: '',
    unitLt: 'asmeniui',
    unitEn: 'per person',
    price: 650,
    stock: toOrder(3),
    titleLt: 'Nedidelis maitinimas (kavos pertraukos)',
    titleEn: 'Small catering (coffee breaks)',
    descriptionLt:
      'Paruošiame kavos pertraukas susitikimams ir mokymams iki 40 žmonių: kava, arbata, naminiai pyragai ir sumuštiniai. Atvežame Kretingos ir Palangos apylinkėse, po renginio viską sutvarkome. Kaina nurodyta vienam asmeniui, užsakykite bent prieš 3 darbo dienas.',
    descriptionEn:
      'We cater coffee breaks for meetings and training sessions of up to 40 people: coffee, tea, home-made cakes and sandwiches. We deliver around Kretinga and Palanga and clear up afterwards. The price is per person; please order at least 3 working days ahead.',
    drawing: { shape: 'cup', colors: ['#fbf8f2'], accent: '#8a5a3b' },
  },
];
