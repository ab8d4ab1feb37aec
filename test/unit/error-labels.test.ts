import { expect } from 'chai';
import { fieldLabel, nameErrorFields } from '../../src/web/error-labels.ts';

const page = `
<div class="error-summary"><ul>
  <li><a href="#name"><span data-field-label="name"></span>Šis laukas privalomas.</a></li>
  <li><a href="#delivery"><span data-field-label="delivery"></span>Pasirinkite vieną iš sąrašo.</a></li>
  <li><a href="#terms"><span data-field-label="terms"></span>Sutikite su sąlygomis.</a></li>
  <li><a href="#iban"><span data-field-label="iban"></span>IBAN neteisingas.</a></li>
  <li><a href="#lines.0.qty"><span data-field-label="lines.0.qty"></span>Per daug.</a></li>
</ul></div>
<label for="name">Vardas ir pavardė <span class="req" aria-hidden="true">*</span></label><input id="name">
<label class="choice"><input type="radio" name="delivery" id="delivery" data-label="Pristatymas"> Atsiimsiu</label>
<label class="choice"><input type="checkbox" id="terms"> Sutinku su <a href="/terms">Pirkimo sąlygomis</a></label>
<label for="iban">Sąskaitos numeris:</label><input id="iban">
`;

describe('error summaries name their fields', () => {
  it('finds a label by for=, a data-label, and a wrapping label', () => {
    expect(fieldLabel(page, 'name')).to.equal('Vardas ir pavardė');
    expect(fieldLabel(page, 'delivery')).to.equal('Pristatymas');
    expect(fieldLabel(page, 'terms')).to.equal('Sutinku su Pirkimo sąlygomis');
    expect(fieldLabel(page, 'iban')).to.equal('Sąskaitos numeris');
    expect(fieldLabel(page, 'nowhere')).to.equal('');
  });

  it('puts the name before each message, lower-casing a plain first word only', () => {
    const html = nameErrorFields(page);
    expect(html).to.contain('<a href="#name">Vardas ir pavardė: šis laukas privalomas.</a>');
    expect(html).to.contain('<a href="#delivery">Pristatymas: pasirinkite vieną iš sąrašo.</a>');
    expect(html).to.contain('<a href="#iban">Sąskaitos numeris: IBAN neteisingas.</a>');
    // No field on the page: the message alone, the marker gone.
    expect(html).to.contain('<a href="#lines.0.qty">Per daug.</a>');
    expect(html).not.to.contain('data-field-label');
  });

  it('lists the messages in the order of their fields on the page', () => {
    const html = nameErrorFields(`<div class="error-summary" role="alert"><ul>
      <li><a href="#b"><span data-field-label="b"></span>Second.</a></li>
      <li>For the whole form.</li>
      <li><a href="#gone"><span data-field-label="gone"></span>Not on the page.</a></li>
      <li><a href="#a"><span data-field-label="a"></span>First.</a></li>
    </ul></div><label for="a">A</label><input id="a"><label for="b">B</label><input id="b">`);
    const order = ['For the whole form.', 'A: first.', 'B: second.', 'Not on the page.'].map((t) =>
      html.indexOf(t),
    );
    expect(order.every((at) => at > 0)).to.equal(true);
    expect([...order].sort((x, y) => x - y)).to.deep.equal(order);
  });

  it('leaves pages without an error summary untouched', () => {
    const html = '<p>Nothing <span>here</span></p>';
    expect(nameErrorFields(html)).to.equal(html);
  });
});
