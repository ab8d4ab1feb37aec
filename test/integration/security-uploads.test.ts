import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import sharp from 'sharp';
import { Product } from '../../src/catalog/model.ts';
import { ServiceRequest } from '../../src/services/model.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { changedSince, snapshotData } from '../support/security.ts';
import { expectFieldError, listFiles, pngImage } from './helpers.ts';

const PAYLOAD =
  '<?php system($_GET["c"]); ?><script>alert(document.cookie)</script><html><body>pwned</body></html>';

/** A PNG chunk with its CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A tiny PNG whose header claims 40 000 × 40 000 pixels (a decompression bomb in waiting). */
function pixelBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(40_000, 0);
  ihdr.writeUInt32BE(40_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('security: picture uploads', () => {
  const t = useTestApp({ UPLOAD_MAX_MB: '1' });
  let agent: Agent;
  let token: string;
  let jpeg: Buffer;
  let counter = 0;

  before(async () => {
    agent = await signInAs(t.app, 'marketing');
    token = await tokenFor(agent, '/admin/products/new');
    jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
  });

  type File = { name: string; data: Buffer; contentType?: string; field?: string };

  /** Posts a new-product form with these files, the way the browser sends it. */
  function upload(files: File[]) {
    counter += 1;
    let req = agent
      .post(`/admin/products?_csrf=${encodeURIComponent(token)}`)
      .field('kind', 'good')
      .field('titleLt', `Įkėlimas ${counter}`)
      .field('sku', `UP-${counter}`)
      .field('price', '5')
      .field('vatRate', '21')
      .field('stockQuantity', '1');
    for (const f of files) {
      req = req.attach(f.field ?? 'images', f.data, {
        filename: f.name,
        contentType: f.contentType ?? 'application/octet-stream',
      });
    }
    return req;
  }

  /** Refused with the form again (422, the images field marked) and nothing stored. */
  async function expectRefused(files: File[], key: string, params: Record<string, string | number> = {}) {
    const [before, filesBefore] = await Promise.all([snapshotData(), listFiles(t.uploadsDir)]);
    const res = await upload(files);
    expect(res.status, key).to.equal(422);
    expectFieldError(res.text, 'images', key, params);
    expect(await changedSince(before)).to.deep.equal([]);
    expect(await listFiles(t.uploadsDir)).to.deep.equal(filesBefore);
  }

  /** Accepted; the files it stored (full size and thumbnail). */
  async function expectStored(files: File[]): Promise<string[]> {
    const before = await listFiles(t.uploadsDir);
    const res = await upload(files);
    expect(res.status).to.equal(303);
    const added = (await listFiles(t.uploadsDir)).filter((f) => !before.includes(f));
    expect(added.length).to.equal(files.length * 2);
    for (const f of added) expect(f).to.match(/^products\/[a-f0-9]{32}(-thumb)?\.webp$/);
    return added;
  }

  it('re-encodes a JPEG with an HTML/PHP payload appended: the stored file holds only the picture', async () => {
    const polyglot = Buffer.concat([jpeg, Buffer.from(PAYLOAD)]);
    const stored = await expectStored([{ name: 'photo.php.jpg', data: polyglot, contentType: 'image/jpeg' }]);
    for (const f of stored) {
      const bytes = await readFile(path.join(t.uploadsDir, f));
      expect(bytes.subarray(0, 4).toString('latin1'), f).to.equal('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1'), f).to.equal('WEBP');
      for (const needle of ['<?php', '<script', '<html', 'pwned']) {
        expect(bytes.includes(Buffer.from(needle)), `${f} contains ${needle}`).to.equal(false);
      }
    }
    const served = await request(t.app).get(`/media/${stored[0]!}`).expect(200);
    expect(served.headers['content-type']).to.equal('image/webp');
    expect(served.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('drops metadata that could carry a payload (or a location)', async () => {
    const withExif = await sharp(jpeg)
      .withExif({ IFD0: { ImageDescription: PAYLOAD, Artist: 'GPS 54.6872 25.2797' } })
      .jpeg()
      .toBuffer();
    expect(withExif.includes(Buffer.from('<?php'))).to.equal(true);
    const stored = await expectStored([{ name: 'exif.jpg', data: withExif, contentType: 'image/jpeg' }]);
    for (const f of stored) {
      const bytes = await readFile(path.join(t.uploadsDir, f));
      expect(bytes.includes(Buffer.from('<?php')), f).to.equal(false);
      expect(bytes.includes(Buffer.from('54.6872')), f).to.equal(false);
      expect((await sharp(bytes).metadata()).exif, f).to.equal(undefined);
    }
  });

  it('refuses HTML hiding behind a GIF header', async () => {
    const gifar = Buffer.from(`GIF89a${PAYLOAD}`);
    await expectRefused([{ name: 'x.gif', data: gifar, contentType: 'image/gif' }], 'errors.imageBroken', {
      name: 'x.gif',
    });
  });

  it('refuses an SVG with a script, whatever its name and declared type', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    for (const [name, type] of [
      ['logo.svg', 'image/svg+xml'],
      ['logo.png', 'image/png'],
      ['logo.jpg', 'image/jpeg'],
    ] as const) {
      await expectRefused([{ name, data: svg, contentType: type }], 'errors.imageType', { name });
    }
  });

  it('refuses files that only claim to be pictures (text, HTML, PDF, script with image/jpeg)', async () => {
    const fakes: [string, Buffer][] = [
      ['notes.jpg', Buffer.from('just some text, not a picture\n'.repeat(10))],
      ['page.png', Buffer.from(`<!doctype html>${PAYLOAD}`)],
      ['doc.jpg', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')],
      ['shell.jpg', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ];
    for (const [name, data] of fakes) {
      await expectRefused([{ name, data, contentType: 'image/jpeg' }], 'errors.imageType', { name });
    }
  });

  it('refuses a JPEG cut short (only its header is right)', async () => {
    await expectRefused(
      [{ name: 'cut.jpg', data: jpeg.subarray(0, 200), contentType: 'image/jpeg' }],
      'errors.imageBroken',
      {
        name: 'cut.jpg',
      },
    );
  });

  it('refuses a picture whose header claims more pixels than allowed', async () => {
    await expectRefused(
      [{ name: 'bomb.png', data: pixelBomb(), contentType: 'image/png' }],
      'errors.imageBroken',
      {
        name: 'bomb.png',
      },
    );
  });

  it('refuses a file over the configured size (UPLOAD_MAX_MB=1)', async () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    await expectRefused([{ name: 'big.jpg', data: big, contentType: 'image/jpeg' }], 'errors.imageTooLarge', {
      max: 1,
    });
  });

  it('refuses more files than allowed, and files under an unexpected field name', async () => {
    const png = await pngImage(20, 20);
    const nine = Array.from({ length: 9 }, (_, i) => ({
      name: `p${i}.png`,
      data: png,
      contentType: 'image/png',
    }));
    await expectRefused(nine, 'errors.tooManyImages', { max: 8 });
    await expectRefused(
      [{ name: 'p.png', data: png, contentType: 'image/png', field: 'avatar' }],
      'errors.tooManyImages',
      {
        max: 8,
      },
    );
  });

  it('stores nothing for an empty file', async () => {
    const before = await listFiles(t.uploadsDir);
    const res = await upload([{ name: 'empty.jpg', data: Buffer.alloc(0), contentType: 'image/jpeg' }]);
    expect(res.status).to.be.oneOf([303, 422]);
    expect(await listFiles(t.uploadsDir)).to.deep.equal(before);
    if (res.status === 303) {
      const product = await Product.findOne({ sku: `UP-${counter}` }).lean();
      expect(product?.images).to.deep.equal([]);
    }
  });

  it('stores files with hostile names under random names inside the uploads directory only', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'dirbtuves-outside-'));
    try {
      const png = await pngImage(24, 24);
      const names = [
        '../../etc/passwd.jpg',
        '..\\..\\..\\windows\\win.ini.png',
        `${path.relative(t.uploadsDir, outside)}/planted.png`,
        `${outside}/absolute.png`,
        '%2e%2e%2f%2e%2e%2fescape.png',
        '.htaccess.png',
        'quo"te.png',
        'new\r\nline.png',
        'a'.repeat(300) + '.png',
      ];
      const stored: string[] = [];
      for (const batch of [names.slice(0, 5), names.slice(5)]) {
        stored.push(
          ...(await expectStored(batch.map((name) => ({ name, data: png, contentType: 'image/png' })))),
        );
      }
      for (const f of stored) {
        expect(f).to.not.match(/passwd|win\.ini|planted|absolute|escape|htaccess|php|\.\./);
      }
      expect(await readdir(outside)).to.deep.equal([]);
      // Everything under the uploads directory is a random-named picture.
      for (const f of await listFiles(t.uploadsDir))
        expect(f).to.match(/^products\/[a-f0-9]{32}(-thumb)?\.webp$/);
      expect(JSON.stringify(await Product.find().lean())).to.not.match(/passwd|\.\.\//);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('answers a malformed multipart body (a NUL in a file name) with 400 and stores nothing', async () => {
    const [before, filesBefore] = await Promise.all([snapshotData(), listFiles(t.uploadsDir)]);
    const res = await upload([
      { name: 'name\u0000.php.png', data: await pngImage(), contentType: 'image/png' },
    ]);
    expect(res.status).to.equal(400);
    expect(await changedSince(before)).to.deep.equal([]);
    expect(await listFiles(t.uploadsDir)).to.deep.equal(filesBefore);
  });

  it('serves nothing from outside the uploads directory', async () => {
    for (const url of [
      '/media/../package.json',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      '/media/..%2f..%2fpackage.json',
      '/media/.hidden',
      '/media/products/',
    ]) {
      const res = await request(t.app).get(url);
      expect(res.status, url).to.be.oneOf([400, 403, 404]);
      expect(res.text, url).to.not.contain('"dependencies"');
      expect(res.text, url).to.not.contain('root:');
    }
  });
});

/** The business service request form's attachments (documents, kept in the database, sent only as downloads). */
describe('security: service request attachments', () => {
  const t = useTestApp();
  let jpeg: Buffer;
  let counter = 0;

  before(async () => {
    jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#963' } })
      .jpeg()
      .toBuffer();
  });

  type File = { name: string; data: Buffer; contentType?: string };

  async function submit(files: File[]) {
    counter += 1;
    const agent = request.agent(t.app);
    const page = await agent.get('/requests/new').expect(200);
    let req = agent
      .post(`/requests/new?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .field('companyName', `UAB Bandymas ${counter}`)
      .field('companyCode', '123456789')
      .field('vatCode', '')
      .field('contactName', 'Rasa')
      .field('email', `rasa${counter}@example.lt`)
      .field('phone', '+37060000000')
      .field('service', 'other')
      .field('description', 'Reikia 20 austų kilimėlių')
      .field('quantity', '1')
      .field('desiredOn', '');
    for (const f of files) {
      req = req.attach('attachments', f.data, {
        filename: f.name,
        contentType: f.contentType ?? 'application/octet-stream',
      });
    }
    return req;
  }

  async function expectRefused(files: File[], status = 422) {
    const before = await snapshotData();
    const res = await submit(files);
    expect(res.status).to.equal(status);
    expect(await changedSince(before)).to.deep.equal([]);
  }

  it('accepts a real picture, and sends every attachment back only as a download with its checked type', async () => {
    const polyglot = Buffer.concat([jpeg, Buffer.from(PAYLOAD)]);
    const res = await submit([
      { name: '../../etc/passwd.html.jpg', data: polyglot, contentType: 'text/html' },
    ]);
    expect(res.status).to.equal(303);
    const stored = (await ServiceRequest.findOne().sort({ _id: -1 }).lean())!;
    expect(stored.attachments).to.have.length(1);
    const ref = stored.attachments[0]!;
    expect(ref.key).to.match(/^[a-f0-9]{32}$/);
    expect(ref.mime).to.equal('image/jpeg');
    expect(ref.name).to.not.match(/[/\\]|\.\./);
    const admin = await signInAs(t.app, 'marketing');
    const file = await admin.get(`/admin/requests/${String(stored._id)}/attachments/${ref.key}`).expect(200);
    expect(file.headers['content-type']).to.match(/^image\/jpeg/);
    expect(file.headers['content-disposition']).to.match(/^attachment;/);
    expect(file.headers['x-content-type-options']).to.equal('nosniff');
    expect(await listFiles(t.uploadsDir), 'nothing on disk').to.deep.equal([]);
  });

  it('refuses SVG, HTML and text files whatever their names say', async () => {
    await expectRefused([
      {
        name: 'plan.svg',
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
    ]);
    await expectRefused([
      { name: 'offer.pdf', data: Buffer.from(`<!doctype html>${PAYLOAD}`), contentType: 'application/pdf' },
    ]);
    await expectRefused([{ name: 'notes.docx', data: Buffer.from('plain text\n'.repeat(20)) }]);
  });

  it('refuses too many files and a file over the size limit', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, data: jpeg }));
    await expectRefused(six);
    await expectRefused([
      { name: 'big.jpg', data: Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 + 1)]) },
    ]);
  });

  it('answers a malformed multipart body (a NUL in a file name) with 400, not a server error', async () => {
    await expectRefused([{ name: 'a\u0000.jpg', data: jpeg }], 400);
  });
});
