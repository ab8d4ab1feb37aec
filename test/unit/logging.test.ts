import { expect } from 'chai';
import { maskUrl } from '../../src/web/logging.ts';

describe('request logging', () => {
  it('masks private order tokens in URLs', () => {
    expect(maskUrl('/orders/pfN4zU7HDFlMRl0Mt-fiFg?payment=done')).to.equal('/orders/pfN4…?payment=done');
    expect(maskUrl('/orders/pfN4zU7HDFlMRl0Mt-fiFg/pay')).to.equal('/orders/pfN4…/pay');
    expect(maskUrl('/orders/find')).to.equal('/orders/find');
    expect(maskUrl('/catalogue?q=zvake')).to.equal('/catalogue?q=zvake');
  });
});
