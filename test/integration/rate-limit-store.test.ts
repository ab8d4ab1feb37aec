import { expect } from 'chai';
import type { Options } from 'express-rate-limit';
import { MongoRateLimitStore } from '../../src/web/rate-limit.ts';
import { useTestApp } from '../support/app.ts';

describe('rate limit store (public forms)', () => {
  useTestApp();

  function store(prefix: string): MongoRateLimitStore {
    const s = new MongoRateLimitStore(prefix);
    s.init({ windowMs: 15 * 60 * 1000 } as Options);
    return s;
  }

  it('counts 50 simultaneous hits exactly 50, and takes back exactly what is taken back', async () => {
    const s = store('exact');
    const hits = await Promise.all(Array.from({ length: 50 }, () => s.increment('198.51.100.1')));
    expect(Math.max(...hits.map((h) => h.totalHits))).to.be.at.most(50);
    expect((await s.increment('198.51.100.1')).totalHits).to.equal(51);
    await Promise.all(Array.from({ length: 10 }, () => s.decrement('198.51.100.1')));
    expect((await s.increment('198.51.100.1')).totalHits).to.equal(42);
  });

  it('keeps keys and prefixes apart, and a reset starts a key again', async () => {
    const a = store('form-a');
    const b = store('form-b');
    await a.increment('198.51.100.2');
    await a.increment('198.51.100.2');
    expect((await b.increment('198.51.100.2')).totalHits).to.equal(1);
    expect((await a.increment('198.51.100.3')).totalHits).to.equal(1);
    const third = await a.increment('198.51.100.2');
    expect(third.totalHits).to.equal(3);
    expect(third.resetTime!.getTime()).to.be.greaterThan(Date.now());
    await a.resetKey('198.51.100.2');
    expect((await a.increment('198.51.100.2')).totalHits).to.equal(1);
  });
});
