import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { printableThumb, storeImages } from '../../src/media/images.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';

describe('a stored photo for print', () => {
  let dir = '';
  let storage: LocalDiskStorage;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-print-'));
    storage = new LocalDiskStorage(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a stored WebP thumbnail back as a small square JPEG', async () => {
    const buffer = await readFile(new URL('../fixtures/photo.jpg', import.meta.url));
    const [image] = await storeImages(storage, 'products', [{ originalName: 'photo.jpg', buffer }]);
    const jpeg = await printableThumb(storage, image!.thumbKey, 120);
    const meta = await sharp(jpeg!).metadata();
    expect([meta.format, meta.width, meta.height]).to.deep.equal(['jpeg', 120, 120]);
  });

  it('gives nothing for a photo removed since, or a file that is not an image', async () => {
    expect(await printableThumb(storage, 'products/0123456789abcdef0123456789abcdef-thumb.webp')).to.equal(
      null,
    );
    await storage.put('products/fedcba9876543210fedcba9876543210.webp', Buffer.from('not a picture'));
    expect(await printableThumb(storage, 'products/fedcba9876543210fedcba9876543210.webp')).to.equal(null);
  });

  it('refuses to read outside the storage keys', async () => {
    let error: unknown;
    await storage.read('../etc/passwd').catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('Refusing storage key');
  });
});
