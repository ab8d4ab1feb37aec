import { expect } from 'chai';
import { decodeCart, encodeCart } from '../../src/orders/cart-cookie.ts';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const id = (n: number) => n.toString(16).padStart(24, '0');

describe('the cart cookie', () => {
  it('gives back the items it was made from', () => {
    const items = [
      { productId: id(1), quantity: 2 },
      { productId: id(2), quantity: 99 },
    ];
    expect(decodeCart(SECRET, encodeCart(SECRET, items))).to.deep.equal(items);
    expect(encodeCart(SECRET, items).length).to.be.below(200);
  });

  it('is an empty cart when missing, signed with another secret, or changed in any way', () => {
    const value = encodeCart(SECRET, [{ productId: id(1), quantity: 1 }]);
    expect(decodeCart(SECRET, undefined)).to.deep.equal([]);
    expect(decodeCart(SECRET, 42)).to.deep.equal([]);
    expect(decodeCart('another-secret-of-enough-length-987654321', value)).to.deep.equal([]);
    expect(decodeCart(SECRET, value.replace(':1.', ':9.'))).to.deep.equal([]);
    expect(decodeCart(SECRET, value.slice(0, -1))).to.deep.equal([]);
    expect(decodeCart(SECRET, value.split('.')[0])).to.deep.equal([]);
  });

  it('refuses signed contents a cart cannot have', () => {
    // Signed with the right secret (as only the app can), yet impossible as a cart.
    const forged = (items: { productId: string; quantity: number }[]) => encodeCart(SECRET, items);
    expect(decodeCart(SECRET, forged([{ productId: id(1), quantity: 100 }]))).to.deep.equal([]);
    expect(decodeCart(SECRET, forged([{ productId: id(1), quantity: 0 }]))).to.deep.equal([]);
    expect(
      decodeCart(
        SECRET,
        forged([
          { productId: id(1), quantity: 1 },
          { productId: id(1), quantity: 2 },
        ]),
      ),
    ).to.deep.equal([]);
    expect(decodeCart(SECRET, forged([{ productId: '{"$gt":""}', quantity: 1 }]))).to.deep.equal([]);
    const many = Array.from({ length: 31 }, (_, i) => ({ productId: id(i + 1), quantity: 1 }));
    expect(decodeCart(SECRET, forged(many))).to.deep.equal([]);
    expect(decodeCart(SECRET, forged(many.slice(0, 30)))).to.have.length(30);
    // An empty signed payload is an empty cart, not an error.
    expect(decodeCart(SECRET, encodeCart(SECRET, []))).to.deep.equal([]);
  });
});
