import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Locker, LockerList } from '../../src/lockers/model.ts';
import { refreshLockerLists } from '../../src/lockers/service.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lockers/${name}`, import.meta.url));

const quiet = { info: () => undefined, error: () => undefined };

describe("parcel locker lists: an administrator's import and the daily refresh", () => {
  const t = useTestApp();
  let admin: Agent;

  before(async () => {
    admin = await signInAs(t.app, 'admin');
  });

  async function upload(network: string | undefined, file?: { name: string; data: Buffer }) {
    const token = await tokenFor(admin, '/admin/lockers');
    let req = admin.post('/admin/lockers/import').field('_csrf', token);
    if (network !== undefined) req = req.field('network', network);
    if (file) req = req.attach('file', file.data, file.name);
    return req;
  }

  it("imports Omniva's locations.json: the Lithuanian machines, counted on the page", async () => {
    const res = await upload('omniva', { name: 'locations.json', data: fixture('omniva-locations.json') });
    expect(res.status).to.equal(303);
    expect(await Locker.countDocuments({ network: 'omniva', active: true })).to.equal(3);
    const page = await admin.get('/admin/lockers').expect(200);
    expect(page.text).to.contain('3 paštomatų');
    expect(page.text).to.match(/data-network="omniva"[\s\S]*?data-active>3</);
    const list = await LockerList.findById('omniva').lean();
    expect(list).to.include({ count: 3, skipped: 3, source: 'upload' });
  });

  it('refuses bad uploads with a message naming the field, storing nothing', async () => {
    const before = await Locker.countDocuments();
    const cases: [string | undefined, { name: string; data: Buffer } | undefined, string, string][] = [
      [
        undefined,
        { name: 'a.csv', data: fixture('dpd-parcelshops.csv') },
        'network',
        'Tinklas: pasirinkite tinklą.',
      ],
      [
        'ups',
        { name: 'a.csv', data: fixture('dpd-parcelshops.csv') },
        'network',
        'Tinklas: pasirinkite tinklą.',
      ],
      ['dpd', undefined, 'file', 'Sąrašo failas: pasirinkite sąrašo failą.'],
      [
        'dpd',
        { name: 'broken.json', data: fixture('broken-json.txt') },
        'file',
        'Sąrašo failas: failas atrodo kaip JSON',
      ],
      [
        'dpd',
        { name: 'x.csv', data: fixture('not-a-list.csv') },
        'file',
        'Sąrašo failas: failo formatas neatpažintas',
      ],
      ['dpd', { name: 'x.csv', data: fixture('no-lithuanian.csv') }, 'file', 'nerasta nė vieno paštomato'],
    ];
    for (const [network, file, field, message] of cases) {
      const res = await upload(network, file);
      expect(res.status, `${network} ${file?.name}`).to.equal(422);
      expect(res.text).to.contain(`href="#${field}"`);
      expect(res.text).to.contain(`id="${field}"`);
      expect(res.text).to.contain(message);
    }
    expect(await Locker.countDocuments()).to.equal(before);
    expect(await LockerList.findById('dpd').lean()).to.equal(null);
  });

  it('is for administrators only', async () => {
    const marketing = await signInAs(t.app, 'marketing');
    await marketing.get('/admin/lockers').expect(403);
  });

  it('a newer list replaces the old: terminals it lacks are no longer offered', async () => {
    expect((await upload('dpd', { name: 'dpd.csv', data: fixture('dpd-parcelshops.csv') })).status).to.equal(
      303,
    );
    expect(await Locker.countDocuments({ network: 'dpd', active: true })).to.equal(2);
    const smaller = Buffer.from(
      'parcelshop_id;company;street;city;pcode;country\nLT90002;DPD Kaunas;Islandijos pl. 32;Kaunas;47446;LT\n',
    );
    expect((await upload('dpd', { name: 'dpd.csv', data: smaller })).status).to.equal(303);
    const active = await Locker.find({ network: 'dpd', active: true }).lean();
    expect(active.map((l) => l.terminalId)).to.deep.equal(['LT90002']);
    expect(active[0]!.name).to.equal('DPD Kaunas');
    expect(await Locker.countDocuments({ network: 'dpd', terminalId: 'LT90001', active: false })).to.equal(1);
    // Other networks are untouched.
    expect(await Locker.countDocuments({ network: 'omniva', active: true })).to.equal(3);
  });

  describe('the refresh job, from a local address', () => {
    let server: Server;
    let base: string;
    let failing = false;

    before(async () => {
      server = createServer((req, res) => {
        if (failing) return void res.writeHead(500).end('down');
        if (req.url === '/unisend.json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end(fixture('unisend-terminals.json'));
        }
        if (req.url === '/broken.json') return void res.writeHead(200).end(fixture('broken-json.txt'));
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('imports each configured network and records the source', async () => {
      const results = await refreshLockerLists(
        [{ network: 'lp_express', url: `${base}/unisend.json` }],
        quiet,
      );
      expect(results).to.deep.equal([{ network: 'lp_express', count: 2, skipped: 0, deactivated: 0 }]);
      expect(await Locker.countDocuments({ network: 'lp_express', active: true })).to.equal(2);
      expect(await LockerList.findById('lp_express').lean()).to.include({
        source: 'url',
        by: `${base}/unisend.json`,
      });
    });

    it('keeps a list as it was when its source fails or sends something unreadable', async () => {
      failing = true;
      const errors: unknown[] = [];
      const logger = { info: () => undefined, error: (o: unknown) => void errors.push(o) };
      expect(
        await refreshLockerLists([{ network: 'lp_express', url: `${base}/unisend.json` }], logger),
      ).to.deep.equal([]);
      failing = false;
      expect(
        await refreshLockerLists([{ network: 'lp_express', url: `${base}/broken.json` }], logger),
      ).to.deep.equal([]);
      expect(errors).to.have.length(2);
      expect(await Locker.countDocuments({ network: 'lp_express', active: true })).to.equal(2);
    });
  });
});
