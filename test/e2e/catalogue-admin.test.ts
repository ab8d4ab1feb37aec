import path from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../../src/app.ts';
import { Product } from '../../src/catalog/model.ts';
import { lt } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const PHOTO = path.join(ROOT, 'test', 'fixtures', 'photo.jpg');
const TITLE = 'Vilnonės kojinės';

/** Whether an image on the page has been downloaded and decoded (a broken image has no width). */
function loadedWidth(img: { naturalWidth: number; complete: boolean }): number {
  return img.complete ? img.naturalWidth : 0;
}

describe('e2e: marketing adds a product', function () {
  this.timeout(120_000);
  const e2e = useE2eApp({ stripe: false });

  before(seedOrganisation);

  it('signs in, creates a product with a photo, publishes it and finds it in the shop with its image', async () => {
    const j = await new Journey('marketing-adds-product').start();
    const page = await (await e2e.newContext()).newPage();
    const staff = await makeStaff('marketing');

    await signInWithForm(page, staff);
    await j.shot(page, 'dashboard');
    await page
      .getByRole('navigation', { name: lt('admin.nav') })
      .getByRole('link', { name: lt('catalogAdmin.title') })
      .click();
    await page.waitForURL('**/admin/products');
    await j.shot(page, 'products');
    await page.getByRole('link', { name: lt('catalogAdmin.newGood') }).click();
    await page.waitForURL('**/admin/products/new');

    await page.getByLabel(lt('fields.titleLt')).fill(TITLE);
    await page
      .getByLabel(lt('fields.descriptionLt'), { exact: true })
      .fill('Šiltos kojinės iš lietuviškos vilnos.');
    await page.getByLabel(lt('fields.sku')).fill('KOJ-1');
    await page.getByLabel(lt('fields.priceNet')).fill('14,90');
    await page.getByLabel(lt('fields.stockQuantity')).fill('6');
    await page.getByLabel(lt('fields.addImages')).setInputFiles(PHOTO);
    // The form's script lists the chosen file by name.
    expect(await page.locator('#images-chosen li').textContent()).to.contain('photo.jpg');
    await j.shot(page, 'form-filled');
    await page.getByRole('button', { name: lt('catalogAdmin.create') }).click();

    await page.waitForURL(/\/admin\/products\/[a-f0-9]{24}\/edit$/);
    expect(await page.locator('.notice--success').textContent()).to.contain(
      lt('catalogAdmin.created', { title: TITLE }),
    );
    const thumb = page.getByRole('img', { name: lt('product.photoN', { title: TITLE, n: 1 }) });
    await thumb.waitFor();
    expect(await thumb.evaluate(loadedWidth), 'the uploaded photo is shown').to.be.greaterThan(0);
    const product = await Product.findOne({ sku: 'KOJ-1' }).lean();
    expect(product?.status).to.equal('draft');
    expect(product?.images).to.have.length(1);
    await j.shot(page, 'created-draft');

    // A draft is not in the shop yet.
    const shopper = await (await e2e.newContext()).newPage();
    await shopper.goto('/catalogue');
    expect(await shopper.getByRole('link', { name: TITLE }).count()).to.equal(0);

    await clickAndLoad(page, page.getByRole('button', { name: lt('catalogAdmin.publish') }));
    expect(await page.locator('.badge--published').textContent()).to.equal(lt('status.published'));
    await j.shot(page, 'published');

    await shopper.goto('/catalogue');
    const card = shopper.getByRole('link', { name: TITLE });
    // The card's link already reads the title, so its photo is decorative there.
    const cover = card.locator('img');
    expect(await cover.getAttribute('alt')).to.equal('');
    await cover.scrollIntoViewIfNeeded();
    await shopper.waitForLoadState('networkidle');
    expect(await cover.evaluate(loadedWidth), 'the catalogue card shows the photo').to.be.greaterThan(0);
    await j.shot(shopper, 'catalogue-with-photo');
    await card.click();
    await shopper.waitForURL(`**/products/${product!.slug}`);
    const photo = shopper.locator('.product__gallery img').first();
    expect(await photo.getAttribute('alt')).to.equal(TITLE);
    expect(await photo.evaluate(loadedWidth), 'the product page shows the photo').to.be.greaterThan(0);
    await j.shot(shopper, 'product-page');
  });
});
