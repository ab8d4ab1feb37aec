/** The cart's texts added with the signed-cookie cart and the product page's add-to-cart script. */
export const cartLt = {
  'cart.countNow': 'Prekių krepšelyje: {count}.',
  'cart.goToCart': 'Eiti į krepšelį',
  'cart.adding': 'Dedama į krepšelį…',
  'cart.addFailed': 'Nepavyko įdėti į krepšelį. Bandykite dar kartą.',
  'cart.perUnit': 'už {unit}',
};

export const cartEn: Record<keyof typeof cartLt, string> = {
  'cart.countNow': 'Items in your cart: {count}.',
  'cart.goToCart': 'Go to the cart',
  'cart.adding': 'Adding to your cart…',
  'cart.addFailed': 'Could not add it to your cart. Please try again.',
  'cart.perUnit': 'per {unit}',
};
