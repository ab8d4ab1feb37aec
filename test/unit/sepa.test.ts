import { expect } from 'chai';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  SepaError,
  sepaAmount,
  sepaCreditTransfer,
  sepaId,
  sepaText,
  xmlEscape,
  type SepaBatch,
} from '../../src/stipends/sepa.ts';

const DEBTOR_IBAN = 'LT121000011101001000';
const CREDITOR_IBAN = 'LT601010012345678901';

function batch(overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    messageId: 'STIP-2026-10-20261105120000',
    createdAt: new Date('2026-11-05T10:00:00.123Z'),
    executionDate: '2026-11-06',
    debtor: { name: 'VšĮ Kretingos socialinės dirbtuvės', iban: DEBTOR_IBAN },
    remittance: 'Stipendija 2026-10',
    transfers: [
      {
        endToEndId: 'STIP-2026-10-A-1',
        amountCents: 664_3,
        creditor: { name: 'Ona Žukauskienė', iban: CREDITOR_IBAN },
      },
      {
        endToEndId: 'STIP-2026-10-B-2',
        amountCents: 5,
        creditor: { name: 'Jonas Ąžuolas', iban: 'LT60 1010 0123 4567 8901' },
      },
    ],
    ...overrides,
  };
}

function parse(xml: string) {
  return new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => name === 'CdtTrfTxInf',
  }).parse(xml).Document;
}

describe('SEPA pain.001.001.03', () => {
  it('writes a well-formed document with the group header, one payment block and a transaction per transfer', () => {
    const xml = sepaCreditTransfer(batch());
    expect(XMLValidator.validate(xml)).to.equal(true);
    const doc = parse(xml);
    expect(doc['@_xmlns']).to.equal('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const { GrpHdr, PmtInf } = doc.CstmrCdtTrfInitn;
    expect(GrpHdr).to.deep.include({
      MsgId: 'STIP-2026-10-20261105120000',
      CreDtTm: '2026-11-05T10:00:00Z',
      NbOfTxs: '2',
      CtrlSum: '66.48',
    });
    expect(PmtInf).to.deep.include({
      PmtMtd: 'TRF',
      NbOfTxs: '2',
      CtrlSum: '66.48',
      ReqdExctnDt: '2026-11-06',
      ChrgBr: 'SLEV',
    });
    expect(PmtInf.PmtTpInf.SvcLvl.Cd).to.equal('SEPA');
    expect(PmtInf.Dbtr.Nm).to.equal('VsI Kretingos socialines dirbtuves');
    expect(PmtInf.DbtrAcct.Id.IBAN).to.equal(DEBTOR_IBAN);
    expect(PmtInf.DbtrAgt.FinInstnId.Othr.Id).to.equal('NOTPROVIDED');
    const [a, b] = PmtInf.CdtTrfTxInf;
    expect(a.PmtId.EndToEndId).to.equal('STIP-2026-10-A-1');
    expect(a.Amt.InstdAmt).to.deep.equal({ '#text': '66.43', '@_Ccy': 'EUR' });
    expect(a.Cdtr.Nm).to.equal('Ona Zukauskiene');
    expect(a.CdtrAcct.Id.IBAN).to.equal(CREDITOR_IBAN);
    expect(a.RmtInf.Ustrd).to.equal('Stipendija 2026-10');
    expect(b.Amt.InstdAmt['#text']).to.equal('0.05');
    expect(b.Cdtr.Nm).to.equal('Jonas Azuolas');
    expect(b.CdtrAcct.Id.IBAN, 'spaces removed').to.equal(CREDITOR_IBAN);
  });

  it('names the debtor agent by BIC when one is given', () => {
    const doc = parse(
      sepaCreditTransfer(batch({ debtor: { name: 'X', iban: DEBTOR_IBAN, bic: 'HABALT22' } })),
    );
    expect(doc.CstmrCdtTrfInitn.PmtInf.DbtrAgt.FinInstnId.BIC).to.equal('HABALT22');
  });

  it('takes the payment information id when given, else the message id', () => {
    expect(parse(sepaCreditTransfer(batch())).CstmrCdtTrfInitn.PmtInf.PmtInfId).to.equal(
      'STIP-2026-10-20261105120000',
    );
    const doc = parse(sepaCreditTransfer(batch({ paymentInfoId: 'STIP-2026-10-1-AB12CD34-P' })));
    expect(doc.CstmrCdtTrfInitn.PmtInf.PmtInfId).to.equal('STIP-2026-10-1-AB12CD34-P');
    expect(doc.CstmrCdtTrfInitn.GrpHdr.MsgId).to.equal('STIP-2026-10-20261105120000');
  });

  it('refuses a debtor or a creditor without an IBAN, amounts that are not positive cents, and an empty batch', () => {
    const reason = (b: SepaBatch) => {
      try {
        sepaCreditTransfer(b);
      } catch (err) {
        if (err instanceof SepaError) return [err.reason, err.who];
        throw err;
      }
      return null;
    };
    expect(reason(batch({ debtor: { name: 'X', iban: null } }))).to.deep.equal(['noDebtorIban', '']);
    expect(reason(batch({ debtor: { name: 'X', iban: 'LT12' } }))).to.deep.equal(['noDebtorIban', '']);
    expect(
      reason(
        batch({
          transfers: [{ endToEndId: 'E1', amountCents: 100, creditor: { name: 'Rūta', iban: null } }],
        }),
      ),
    ).to.deep.equal(['noCreditorIban', 'Rūta']);
    for (const amountCents of [0, -1, 1.5])
      expect(
        reason(
          batch({
            transfers: [{ endToEndId: 'E1', amountCents, creditor: { name: 'A', iban: CREDITOR_IBAN } }],
          }),
        ),
      ).to.deep.equal(['badAmount', 'E1']);
    expect(reason(batch({ transfers: [] }))).to.deep.equal(['noTransfers', '']);
    expect(() => sepaCreditTransfer(batch({ executionDate: '6.11.2026' }))).to.throw(RangeError);
  });

  it('keeps text in the SEPA Latin set: Lithuanian letters transliterated, markup and symbols gone, length cut', () => {
    expect(sepaText('ĄČĘĖĮŠŲŪŽ ąčęėįšųūž', 70)).to.equal('ACEEISUUZ aceeisuuz');
    expect(sepaText('UAB „Žvakė“ & <Co> "x"', 70)).to.equal('UAB Zvake Co x');
    expect(sepaText("O'Brien (Łódź) / 1+1?", 70)).to.equal("O'Brien (Lodz) / 1+1?");
    expect(sepaText('a'.repeat(100), 70)).to.have.length(70);
    expect(sepaId('STIP 2026/10 Ž')).to.equal('STIP-2026-10--');
    expect(sepaId('x'.repeat(40))).to.have.length(35);
    expect(xmlEscape(`<a href="x">'&'</a>`)).to.equal(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    const xml = sepaCreditTransfer(batch({ debtor: { name: `O'Brien & <Sons>`, iban: DEBTOR_IBAN } }));
    expect(XMLValidator.validate(xml)).to.equal(true);
    expect(parse(xml).CstmrCdtTrfInitn.PmtInf.Dbtr.Nm).to.equal("O'Brien Sons");
  });

  it('writes amounts from cents with two decimals and no floating point, and CtrlSum is the exact sum', () => {
    expect(sepaAmount(0)).to.equal('0.00');
    expect(sepaAmount(7)).to.equal('0.07');
    expect(sepaAmount(123456)).to.equal('1234.56');
    expect(sepaAmount(Number.MAX_SAFE_INTEGER)).to.equal('90071992547409.91');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        (amounts) => {
          const xml = sepaCreditTransfer(
            batch({
              transfers: amounts.map((amountCents, i) => ({
                endToEndId: `E${i}`,
                amountCents,
                creditor: { name: `P${i}`, iban: CREDITOR_IBAN },
              })),
            }),
          );
          const doc = parse(xml).CstmrCdtTrfInitn;
          const cents = (s: string) => Number(s.replace('.', ''));
          const sum = amounts.reduce((s, a) => s + a, 0);
          expect(cents(doc.GrpHdr.CtrlSum)).to.equal(sum);
          expect(doc.GrpHdr.NbOfTxs).to.equal(String(amounts.length));
          const txs = doc.PmtInf.CdtTrfTxInf as { Amt: { InstdAmt: { '#text': string } } }[];
          expect(txs.map((t) => cents(t.Amt.InstdAmt['#text']))).to.deep.equal(amounts);
        },
      ),
      { numRuns: 50 },
    );
  });
});
