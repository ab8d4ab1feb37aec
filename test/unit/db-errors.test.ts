import { expect } from 'chai';
import { isDatabaseUnavailable, isDuplicateKeyError } from '../../src/db/errors.ts';

function named(name: string, message = 'x'): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('database errors', () => {
  it('tells a database that did not answer from other failures', () => {
    for (const name of [
      'MongoNetworkTimeoutError',
      'MongoServerSelectionError',
      'MongoWaitQueueTimeoutError',
    ]) {
      expect(isDatabaseUnavailable(named(name)), name).to.equal(true);
    }
    const buffering = named(
      'MongooseError',
      'Operation `settings.findOne()` buffering timed out after 2000ms',
    );
    expect(isDatabaseUnavailable(buffering)).to.equal(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: named('MongoNetworkError') }))).to.equal(true);
    for (const other of [
      new Error('boom'),
      named('MongoServerError'),
      named('MongooseError', 'Cast failed'),
      null,
      'x',
    ]) {
      expect(isDatabaseUnavailable(other), String(other)).to.equal(false);
    }
  });

  it('still recognises unique-index clashes', () => {
    expect(isDuplicateKeyError({ code: 11000 })).to.equal(true);
    expect(isDuplicateKeyError(named('MongoServerError', 'UNIQUE constraint failed'))).to.equal(true);
    expect(isDatabaseUnavailable({ code: 11000 })).to.equal(false);
  });
});
