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

  it('leaves pages without an error summary untouched', () => {
    const html = '<p>Nothing <span>here</span></p>';
    expect(nameErrorFields(html)).to.equal(html);
  });
});
