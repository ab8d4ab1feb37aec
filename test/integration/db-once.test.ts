import { expect } from 'chai';
import mongoose from 'mongoose';
import { claimOnce, insertWithNextNumber, retryOnClash } from '../../src/db/once.ts';
import { useTestApp } from '../support/app.ts';

/** Two probe collections of this file only: claims by `_id`, and numbered documents per series. */
const claimSchema = new mongoose.Schema(
  { _id: { type: String }, by: { type: Number, required: true } },
  { collection: 'once_probe_claims', versionKey: false },
);
const numberedSchema = new mongoose.Schema(
  { series: { type: String, required: true }, n: { type: Number, required: true }, by: Number },
  { collection: 'once_probe_numbers', versionKey: false },
);
numberedSchema.index({ series: 1, n: 1 }, { unique: true });

describe('db/once: decisions taken once by unique inserts (real database)', () => {
  useTestApp();
  // Registered while this file runs only, so other files' index setup never sees them.
  const register = () => ({
    Claim: mongoose.model('OnceProbeClaim', claimSchema),
    Numbered: mongoose.model('OnceProbeNumbered', numberedSchema),
  });
  let Claim: ReturnType<typeof register>['Claim'];
  let Numbered: ReturnType<typeof register>['Numbered'];

  before(async () => {
    ({ Claim, Numbered } = register());
    for (const m of [Claim, Numbered]) {
      await m.createCollection();
      await m.createIndexes();
    }
  });
  after(() => {
    mongoose.deleteModel('OnceProbeClaim');
    mongoose.deleteModel('OnceProbeNumbered');
  });

  it('lets exactly one of 30 parallel claims of one key win', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claimOnce(Claim, { _id: 'order-1:leave:paid', by: i })),
    );
    expect(results.filter(Boolean)).to.have.length(1);
    expect(await Claim.countDocuments({ _id: 'order-1:leave:paid' })).to.equal(1);
    // The stored claim is the winner's.
    const stored = await Claim.findById('order-1:leave:paid').lean();
    expect(results[stored!.by]).to.equal(true);
    // Another key is a decision of its own.
    expect(await claimOnce(Claim, { _id: 'order-1:leave:ready', by: 0 })).to.equal(true);
  });

  it('throws what is not a clash (a document the schema refuses)', async () => {
    let caught: unknown;
    try {
      await claimOnce(Claim, { _id: 'no-by' });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(mongoose.Error.ValidationError);
  });

  it('numbers 40 parallel inserts 1…40 without gaps or duplicates, each series on its own', async function () {
    this.timeout(120_000);
    const insert = (series: string, by: number) =>
      insertWithNextNumber<{ n: number }>(Numbered, {
        scope: { series },
        field: 'n',
        build: (n) => ({ series, n, by }),
        limit: 500,
        busy: () => new Error('busy'),
      });
    const made = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => insert('A', i)),
      ...Array.from({ length: 10 }, (_, i) => insert('B', i)),
    ]);
    const numbersOf = async (series: string) =>
      (await Numbered.find({ series }).lean()).map((d) => d.n).sort((a, b) => a - b);
    expect(await numbersOf('A')).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await numbersOf('B')).to.deep.equal(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(
      made
        .slice(0, 40)
        .map((d) => d.n)
        .sort((a, b) => a - b),
    ).to.deep.equal(await numbersOf('A'));
  });

  it('gives up with the caller’s error after the explicit limit of clashing attempts', async () => {
    await Numbered.create({ series: 'C', n: 1 });
    let attempts = 0;
    let caught: unknown;
    try {
      await retryOnClash(
        async () => {
          attempts++;
          await Numbered.create({ series: 'C', n: 1 });
        },
        { limit: 3, busy: () => new Error('busy'), pause: async () => undefined },
      );
    } catch (err) {
      caught = err;
    }
    expect(attempts).to.equal(3);
    expect((caught as Error).message).to.equal('busy');
  });

  it('ends the retries with what onClash finds (the document another request inserted)', async () => {
    await Claim.create({ _id: 'issue-key', by: 7 });
    const found = await retryOnClash(
      async () => {
        await Claim.create({ _id: 'issue-key', by: 8 });
        return 8;
      },
      {
        limit: 5,
        busy: () => new Error('busy'),
        onClash: async () => (await Claim.findById('issue-key').lean())?.by,
      },
    );
    expect(found).to.equal(7);
  });
});
