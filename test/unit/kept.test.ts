import { expect } from 'chai';
import { keptInMemory } from '../../src/lib/kept.ts';

/** A load whose every call is counted and answered when the test says so. */
function controlledLoad() {
  const calls: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { calls, load };
}

/** A value of 1 read and kept for a second, with the load that read it. */
async function holdingOne() {
  const { calls, load } = controlledLoad();
  const kept = keptInMemory(1_000, load);
  const first = kept.get();
  calls[0]!.resolve(1);
  await first;
  return { calls, kept };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('keptInMemory', () => {
  it('reads once for callers that arrive together, then answers from memory', async () => {
    const { calls, load } = controlledLoad();
    const kept = keptInMemory(60_000, load);
    const first = kept.get();
    const second = kept.get();
    await tick();
    expect(calls).to.have.length(1);
    calls[0]!.resolve(7);
    expect(await first).to.equal(7);
    expect(await second).to.equal(7);
    expect(await kept.get()).to.equal(7);
    expect(calls).to.have.length(1);
  });

  it('answers the kept value at once when it is old and refreshes it once in the background', async () => {
    const { calls, kept } = await holdingOne();
    const later = Date.now() + 5_000;
    expect(await kept.get(later)).to.equal(1);
    expect(await kept.get(later)).to.equal(1);
    expect(calls).to.have.length(2);
    calls[1]!.resolve(2);
    await tick();
    expect(await kept.get()).to.equal(2);
  });

  it('keeps the old value when a background refresh fails, and tries again later', async () => {
    const { calls, kept } = await holdingOne();
    const later = Date.now() + 5_000;
    expect(await kept.get(later)).to.equal(1);
    calls[1]!.reject(new Error('database away'));
    await tick();
    expect(await kept.get(later)).to.equal(1);
    expect(calls).to.have.length(3);
  });

  it('passes a failed first read to its caller and reads again on the next call', async () => {
    const { calls, load } = controlledLoad();
    const kept = keptInMemory(60_000, load);
    const first = kept.get();
    calls[0]!.reject(new Error('database away'));
    const error = await first.then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.equal('database away');
    const second = kept.get();
    expect(calls).to.have.length(2);
    calls[1]!.resolve(3);
    expect(await second).to.equal(3);
  });

  it('after forget reads afresh, and does not keep a read that was under way when forgotten', async () => {
    const { calls, load } = controlledLoad();
    const kept = keptInMemory(60_000, load);
    const stale = kept.get();
    kept.forget();
    const fresh = kept.get();
    expect(calls).to.have.length(2);
    calls[0]!.resolve(1);
    calls[1]!.resolve(2);
    expect(await stale).to.equal(1);
    expect(await fresh).to.equal(2);
    expect(await kept.get()).to.equal(2);
    expect(calls).to.have.length(2);
  });
});
