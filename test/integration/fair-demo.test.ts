import { expect } from 'chai';
import { Calendar } from '../../src/demo/clock.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { FairClosing, FairEvent, FairSale, FairVoid } from '../../src/fair/model.ts';
import { incomeLines } from '../../src/stipends/inputs.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { signInAs, useTestApp } from '../support/app.ts';

describe('demo: the fairs', function () {
  this.timeout(120_000);
  const t = useTestApp();

  before(async () => {
    await seedDemo({ storage: t.storage, log: () => {}, reset: false });
  });

  it("has a closed fair last month with a void and a cash difference, and an open one today; last month's stipend income includes the fair", async () => {
    const previous = new Calendar(new Date()).previous;
    const events = await FairEvent.find({}).lean();
    expect(events).to.have.length(2);
    const past = events.find((e) => e.date.startsWith(previous))!;
    const open = events.find((e) => e !== past)!;
    const closing = await FairClosing.findById(String(past._id)).lean();
    expect(closing!.differences!.cashCents).to.equal(-50);
    expect(await FairClosing.exists({ _id: String(open._id) })).to.equal(null);
    expect(await FairSale.countDocuments({ eventId: String(past._id) })).to.equal(7);
    expect(await FairVoid.countDocuments({ eventId: String(past._id) })).to.equal(1);
    expect(await FairSale.countDocuments({ eventId: String(open._id) })).to.equal(2);
    const fairEntries = await JournalEntry.find({ channel: 'fair', period: previous }).lean();
    const keys = new Set(fairEntries.map((e) => String(e._id)));
    const lines = (await incomeLines(previous)).filter((l) => keys.has(l.id.split(':')[0]!));
    expect(lines.length).to.be.greaterThan(0);
    expect(lines.every((l) => l.productId)).to.equal(true);
    const marketing = await signInAs(t.app, 'marketing');
    const page = await marketing.get(`/admin/fair/events/${String(past._id)}`).expect(200);
    expect(page.text).to.contain('data-closing');
  });
});
