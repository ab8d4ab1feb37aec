import { expect } from 'chai';
import type { Request } from 'express';
import { flash } from '../../src/web/flash.ts';

describe('flash messages', () => {
  const requestWithSession = () => ({ session: {} }) as unknown as Request;

  it('keeps messages for the next page in the order they were given', () => {
    const req = requestWithSession();
    flash(req, 'success', 'a');
    flash(req, 'error', 'b', { n: 1 });
    expect(req.session.flash).to.deep.equal([
      { kind: 'success', key: 'a', params: undefined },
      { kind: 'error', key: 'b', params: { n: 1 } },
    ]);
  });

  it('does not let unseen messages pile up: a repeated message replaces itself, and at most three stay', () => {
    const req = requestWithSession();
    for (let i = 0; i < 100; i++) flash(req, 'success', 'cart.added', { title: `item ${i}` });
    expect(req.session.flash).to.deep.equal([
      { kind: 'success', key: 'cart.added', params: { title: 'item 99' } },
    ]);
    for (const key of ['a', 'b', 'c', 'd']) flash(req, 'info', key);
    expect(req.session.flash!.map((m) => m.key)).to.deep.equal(['b', 'c', 'd']);
  });

  it('does nothing without a session (anonymous browsing has none)', () => {
    const req = {} as Request;
    flash(req, 'info', 'a');
    expect(req).to.deep.equal({});
  });
});
