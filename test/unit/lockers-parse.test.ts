import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { LockerListError, parseTerminalList } from '../../src/lockers/parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lockers/${name}`, import.meta.url));

function failure(input: string | Buffer): LockerListError {
  try {
    parseTerminalList(input);
  } catch (err) {
    if (err instanceof LockerListError) return err;
    throw err;
  }
  throw new Error('the list was accepted');
}

describe("parcel locker lists: the networks' formats", () => {
  it("reads Omniva's locations.json: Lithuanian parcel machines only, street and number joined", () => {
    const { terminals, skipped } = parseTerminalList(fixture('omniva-locations.json'));
    expect(terminals.map((t) => t.terminalId)).to.deep.equal(['10001', '10002', '10003']);
    expect(terminals[0]).to.deep.equal({
      terminalId: '10001',
      name: 'Vilniaus Akropolio paštomatas',
      address: 'Ozo g. 25',
      city: 'Vilnius',
      postcode: '',
    });
    // The post office (TYPE 1), the Estonian machine and the record without a number.
    expect(skipped).to.equal(3);
  });

  it("reads DPD's parcel shop CSV (semicolons, quoted quotes, LT- postcodes), Lithuania only", () => {
    const { terminals, skipped } = parseTerminalList(fixture('dpd-parcelshops.csv'));
    expect(terminals).to.deep.equal([
      {
        terminalId: 'LT90001',
        name: 'DPD Pickup paštomatas "Akropolis"',
        address: 'Ozo g. 25',
        city: 'Vilnius',
        postcode: '08217',
      },
      {
        terminalId: 'LT90002',
        name: 'DPD Pickup Kaunas Mega',
        address: 'Islandijos pl. 32',
        city: 'Kaunas',
        postcode: '47446',
      },
    ]);
    expect(skipped).to.equal(1);
  });

  it("reads DPD's JSON ({ parcelshops: [...] }) and Unisend's terminal list", () => {
    const dpd = parseTerminalList(
      JSON.stringify({
        status: 'ok',
        parcelshops: [
          { parcelshop_id: 'LT1', company: 'A', street: 'S 1', city: 'Utena', pcode: '28001', country: 'LT' },
        ],
      }),
    );
    expect(dpd.terminals[0]).to.include({ terminalId: 'LT1', city: 'Utena', postcode: '28001' });
    const unisend = parseTerminalList(fixture('unisend-terminals.json'));
    expect(unisend.terminals.map((t) => `${t.terminalId} ${t.city}`)).to.deep.equal([
      'L1001 Vilnius',
      'L1002 Šiauliai',
    ]);
  });

  it('refuses files it cannot read, naming why', () => {
    expect(failure(fixture('broken-json.txt')).key).to.equal('lockers.errors.badJson');
    expect(failure(fixture('not-a-list.csv')).key).to.equal('lockers.errors.unknownFormat');
    expect(failure('{"something": 1}').key).to.equal('lockers.errors.unknownFormat');
    expect(failure('').key).to.equal('lockers.errors.empty');
    const none = failure(fixture('no-lithuanian.csv'));
    expect(none.key).to.equal('lockers.errors.noTerminals');
    expect(none.params).to.deep.equal({ skipped: 2 });
  });
});
