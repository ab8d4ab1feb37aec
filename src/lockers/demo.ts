import { storeTerminals, type LockerNetwork, type TerminalRecord } from './service.ts';

/**
 * A small, realistic list per network for the demo (the real lists come from the networks: see
 * README.md): a few terminals in Kretinga, where the demo workshop is, and in the larger towns.
 */
export const DEMO_TERMINALS: Record<LockerNetwork, TerminalRecord[]> = {
  omniva: [
    {
      terminalId: '97111',
      name: 'Kretingos Maxima paštomatas',
      address: 'Vilniaus g. 20',
      city: 'Kretinga',
      postcode: '97111',
    },
    {
      terminalId: '97113',
      name: 'Kretingos Norfa paštomatas',
      address: 'Birutės g. 2',
      city: 'Kretinga',
      postcode: '97113',
    },
    {
      terminalId: '92238',
      name: 'Klaipėdos Akropolio paštomatas',
      address: 'Taikos pr. 61',
      city: 'Klaipėda',
      postcode: '91182',
    },
    {
      terminalId: '08217',
      name: 'Vilniaus Akropolio paštomatas',
      address: 'Ozo g. 25',
      city: 'Vilnius',
      postcode: '08217',
    },
    {
      terminalId: '47446',
      name: 'Kauno Megos paštomatas',
      address: 'Islandijos pl. 32',
      city: 'Kaunas',
      postcode: '47446',
    },
    {
      terminalId: '00131',
      name: 'Palangos Maxima paštomatas',
      address: 'Klaipėdos pl. 60',
      city: 'Palanga',
      postcode: '00131',
    },
  ],
  lp_express: [
    {
      terminalId: 'LP0971',
      name: 'LP Express paštomatas Iki',
      address: 'Savanorių g. 2',
      city: 'Kretinga',
      postcode: '97130',
    },
    {
      terminalId: 'LP0921',
      name: 'LP Express paštomatas Rimi',
      address: 'Šilutės pl. 35',
      city: 'Klaipėda',
      postcode: '91107',
    },
    {
      terminalId: 'LP0091',
      name: 'LP Express paštomatas Rimi Žirmūnai',
      address: 'Žirmūnų g. 64',
      city: 'Vilnius',
      postcode: '09131',
    },
    {
      terminalId: 'LP0763',
      name: 'LP Express paštomatas Iki',
      address: 'Tilžės g. 109',
      city: 'Šiauliai',
      postcode: '76349',
    },
    {
      terminalId: 'LP0500',
      name: 'LP Express paštomatas Akropolis',
      address: 'Karaliaus Mindaugo pr. 49',
      city: 'Kaunas',
      postcode: '44333',
    },
  ],
  dpd: [
    {
      terminalId: 'LT90971',
      name: 'DPD Pickup paštomatas Lidl',
      address: 'Žemaičių g. 2',
      city: 'Kretinga',
      postcode: '97115',
    },
    {
      terminalId: 'LT90921',
      name: 'DPD Pickup paštomatas BIG',
      address: 'Taikos pr. 139',
      city: 'Klaipėda',
      postcode: '94230',
    },
    {
      terminalId: 'LT90081',
      name: 'DPD Pickup paštomatas Panorama',
      address: 'Saltoniškių g. 9',
      city: 'Vilnius',
      postcode: '08105',
    },
    {
      terminalId: 'LT90447',
      name: 'DPD Pickup paštomatas Mega',
      address: 'Islandijos pl. 32',
      city: 'Kaunas',
      postcode: '47446',
    },
  ],
};

/** Stores the demo lists (marked as demo data on the administrators' page); returns how many terminals. */
export async function seedDemoLockers(): Promise<number> {
  let count = 0;
  for (const [network, terminals] of Object.entries(DEMO_TERMINALS) as [LockerNetwork, TerminalRecord[]][]) {
    await storeTerminals(network, terminals, { skipped: 0, source: 'demo', by: '' });
    count += terminals.length;
  }
  return count;
}
