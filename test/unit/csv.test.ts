import { expect } from 'chai';
import fc from 'fast-check';
import {
  code,
  csvFileName,
  csvFormatOf,
  money,
  moment,
  text,
  vilniusDateTime,
  writeCsv,
} from '../../src/lib/csv.ts';
import { lithuanianCents, machineCents, readCsv } from '../support/csv-reader.ts';

const columns = [
  { name: 'what', label: 'Kas' },
  { name: 'state', label: 'Būsena' },
  { name: 'amount_eur', label: 'Suma, EUR' },
  { name: 'at', label: 'Kada' },
];

describe('CSV writer (src/lib/csv.ts)', () => {
  describe('vilniusDateTime', () => {
    it('writes Vilnius wall-clock time: 22:30 UTC on 31 October is 00:30 on 1 November', () => {
      expect(vilniusDateTime(new Date('2026-10-31T22:30:00Z'))).to.equal('2026-11-01 00:30');
      expect(vilniusDateTime(new Date('2026-10-31T21:59:00Z'))).to.equal('2026-10-31 23:59');
    });

    it('follows summer time (UTC+3) and winter time (UTC+2) across both switches', () => {
      expect(vilniusDateTime(new Date('2026-07-14T21:00:00Z'))).to.equal('2026-07-15 00:00');
      expect(vilniusDateTime(new Date('2026-03-29T00:59:00Z'))).to.equal('2026-03-29 02:59');
      expect(vilniusDateTime(new Date('2026-03-29T01:00:00Z'))).to.equal('2026-03-29 04:00');
      expect(vilniusDateTime(new Date('2026-10-25T00:30:00Z'))).to.equal('2026-10-25 03:30');
      expect(vilniusDateTime(new Date('2026-10-25T01:30:00Z'))).to.equal('2026-10-25 03:30');
      expect(vilniusDateTime(new Date('2026-12-31T22:00:00Z'))).to.equal('2027-01-01 00:00');
    });
  });

  describe('csvFormatOf', () => {
    it('is the spreadsheet format unless the machine one is asked for by name', () => {
      expect(csvFormatOf({})).to.equal('spreadsheet');
      expect(csvFormatOf(undefined)).to.equal('spreadsheet');
      expect(csvFormatOf({ format: 'machine' })).to.equal('machine');
      for (const format of ['MACHINE', 'xlsx', '', ['machine'], { $ne: 1 }])
        expect(csvFormatOf({ format }), JSON.stringify(format)).to.equal('spreadsheet');
    });

    it('names the machine file apart', () => {
      expect(csvFileName('ledger-2026-11', 'spreadsheet')).to.equal('ledger-2026-11.csv');
      expect(csvFileName('ledger-2026-11', 'machine')).to.equal('ledger-2026-11-machine.csv');
    });
  });

  describe('writeCsv', () => {
    const rows = [
      [text('Vaza; mėlyna'), code('paid', 'Apmokėtas'), money(123456), moment('2026-10-31T22:30:00Z')],
      [text('=SUM(A1)'), code(null, 'nieko'), money(-1250), moment(null)],
      [text('Eilutė\nantra'), code('ready', 'Paruoštas'), money(5), moment(new Date('2026-06-01T09:05:00Z'))],
    ];

    it('spreadsheet: BOM, CRLF, semicolons, decimal comma without grouping, Vilnius minutes, words', () => {
      const csv = writeCsv('spreadsheet', columns, rows);
      expect(csv.startsWith('\uFEFFKas;Būsena;Suma, EUR;Kada\r\n')).to.equal(true);
      expect(csv).to.contain('"Vaza; mėlyna";Apmokėtas;1234,56;2026-11-01 00:30\r\n');
      expect(csv).to.contain("'=SUM(A1);;-12,50;\r\n");
      const doc = readCsv(csv, ';');
      expect(doc.bom).to.equal(true);
      expect(doc.rows[2]).to.deep.equal(['Eilutė\nantra', 'Paruoštas', '0,05', '2026-06-01 12:05']);
      expect(doc.rows.map((r) => lithuanianCents(r[2]!))).to.deep.equal([123456, -1250, 5]);
    });

    it('machine: no BOM, commas, decimal point, UTC ISO, codes, snake_case headers', () => {
      const csv = writeCsv('machine', columns, rows);
      expect(csv.startsWith('what,state,amount_eur,at\r\n')).to.equal(true);
      const doc = readCsv(csv, ',');
      expect(doc.bom).to.equal(false);
      expect(doc.rows[0]).to.deep.equal(['Vaza; mėlyna', 'paid', '1234.56', '2026-10-31T22:30:00.000Z']);
      expect(doc.rows[1]).to.deep.equal(["'=SUM(A1)", '', '-12.50', '']);
    });

    it('round-trips any amount in cents in both formats', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -1e11, max: 1e11 }), { maxLength: 20 }), (amounts) => {
          const cells = amounts.map((c) => [text('x'), code('a', 'A'), money(c), moment(null)]);
          const sheet = readCsv(writeCsv('spreadsheet', columns, cells), ';');
          const machine = readCsv(writeCsv('machine', columns, cells), ',');
          expect(sheet.rows.map((r) => lithuanianCents(r[2]!))).to.deep.equal(amounts);
          expect(machine.rows.map((r) => machineCents(r[2]!))).to.deep.equal(amounts);
        }),
      );
    });

    it('refuses a row that does not fit the header', () => {
      expect(() => writeCsv('machine', columns, [[text('x')]])).to.throw(/1 cells, not 4/);
    });
  });
});
