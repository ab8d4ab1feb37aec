import { expect } from 'chai';
import { sepaCreditTransfer, type SepaBatch } from '../../src/stipends/sepa.ts';
import { unzipEntry } from '../../scripts/validators.ts';
import { sepaXsd, xmllint } from '../support/xmllint.ts';
import { deflateRawSync } from 'node:zlib';

/** Made-up but checksum-valid Lithuanian IBANs: LT + check digits + bank 73000 + account. */
function ltIban(account: number): string {
  const bban = `73000${String(account).padStart(11, '0')}`;
  const digits = `${bban}2129` + '00'; // L=21, T=29
  const check = 98n - (BigInt(digits) % 97n);
  return `LT${String(check).padStart(2, '0')}${bban}`;
}

function batch(overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    messageId: 'STIP-2026-10-1-7F3A9C2B',
    createdAt: new Date('2026-11-05T10:14:00.123Z'),
    executionDate: '2026-11-06',
    debtor: { name: 'VšĮ Pajūrio socialinės dirbtuvės', iban: 'LT737300010012345678', bic: 'HABALT22' },
    remittance: 'Stipendija 2026-10',
    transfers: [
      {
        endToEndId: 'STIP-2026-10-D-001',
        amountCents: 6643,
        creditor: { name: 'Aistė Vaitkutė', iban: ltIban(1) },
      },
      {
        endToEndId: 'STIP-2026-10-D-002',
        amountCents: 3157,
        creditor: { name: 'Mindaugas Rimkus', iban: ltIban(2) },
      },
    ],
    ...overrides,
  };
}

describe('SEPA payment file against the official pain.001.001.03 XSD (xmllint)', function () {
  this.timeout(120_000);
  let xsd = '';

  before(async () => {
    xsd = await sepaXsd();
  });

  async function expectValid(xml: string) {
    const { ok, report } = await xmllint(xml, xsd);
    expect(ok, report).to.equal(true);
  }

  it('accepts a month like the demo one, with the BIC and without it (NOTPROVIDED)', async () => {
    await expectValid(sepaCreditTransfer(batch()));
    await expectValid(
      sepaCreditTransfer(batch({ debtor: { name: 'Dirbtuvės', iban: 'LT737300010012345678' } })),
    );
  });

  it('accepts names full of characters outside the SEPA set, cut to length', async () => {
    await expectValid(
      sepaCreditTransfer(
        batch({
          debtor: { name: `UAB „Žvakė“ & <Sons> "Ąžuolas" ${'ž'.repeat(90)}`, iban: 'LT737300010012345678' },
          remittance: `Stipendija 2026-10 — už spalį; €, %, #, @ ${'x'.repeat(200)}`,
          transfers: [
            {
              endToEndId: 'STIP/2026 10 Ž',
              amountCents: 1,
              creditor: { name: "O'Brien (Łódź) / Šarūnė", iban: ltIban(3) },
            },
            {
              endToEndId: 'x'.repeat(60),
              amountCents: 99_999_999,
              creditor: { name: '&<>"\'', iban: ltIban(4) },
            },
          ],
        }),
      ),
    );
  });

  it('accepts a file with many participants', async () => {
    const transfers = Array.from({ length: 250 }, (_, i) => ({
      endToEndId: `STIP-2026-10-P-${i + 1}`,
      amountCents: 100 + i * 37,
      creditor: { name: `Dalyvis Nr. ${i + 1} Čiurlionytė`, iban: ltIban(i + 10) },
    }));
    await expectValid(sepaCreditTransfer(batch({ transfers })));
  });

  it('rejects broken files: the validator is not a formality', async () => {
    const good = sepaCreditTransfer(batch());
    const broken = [
      good.replace(/<ReqdExctnDt>[^<]*<\/ReqdExctnDt>/, ''), // a required element missing
      good.replace('<NbOfTxs>2</NbOfTxs>', '<NbOfTxs>two</NbOfTxs>'), // not a number
      good.replace('<InstdAmt Ccy="EUR">66.43<', '<InstdAmt Ccy="EUR">66,43<'), // a decimal comma
      good.replace('<MsgId>', `<MsgId>${'X'.repeat(40)}`), // longer than 35
      good.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>TRF</PmtMtd><Extra>1</Extra>'), // unknown element
    ];
    for (const xml of broken) {
      expect(xml).to.not.equal(good);
      const { ok, report } = await xmllint(xml, xsd);
      expect(ok, 'a broken file passed').to.equal(false);
      expect(report).to.match(/fails to validate|Schemas validity error/);
    }
  });

  it('reads a stored or deflated entry out of a zip archive', () => {
    const body = Buffer.from('<xs:schema/>'.repeat(20));
    const deflated = deflateRawSync(body);
    const name = Buffer.from('a/b.xsd');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const dirAt = local.length + name.length + deflated.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(dirAt, 16);
    const zip = Buffer.concat([local, name, deflated, central, name, end]);
    expect(unzipEntry(zip, 'a/b.xsd').equals(body)).to.equal(true);
    expect(() => unzipEntry(zip, 'other.xsd')).to.throw(/not in the archive/);
  });
});
