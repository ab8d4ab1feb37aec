import { expect } from 'chai';
import { pino } from 'pino';
import { freePort } from '../../src/db/ferretdb.ts';
import { createMailer, type MailerConfig, type QueueingMailer } from '../../src/mail/mailer.ts';
import { mailEn, mailLt } from '../../src/mail/messages.ts';
import { OutboxAttempt, OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import {
  ATTEMPT_STALE_MS,
  enqueue,
  INTERRUPTED_ERROR,
  MAX_ATTEMPTS,
  retryDelayMs,
  type QueuedMessage,
} from '../../src/mail/queue.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { fakeSmtpServer, type FakeSmtpServer } from '../support/smtp.ts';

const silent = pino({ level: 'silent' });
const storeOnly: MailerConfig = {
  smtpUrl: undefined,
  mailFrom: undefined,
  publicUrl: 'https://parduotuve.example.lt',
};
const MINUTE = 60_000;

let counter = 0;
function message(overrides: Partial<QueuedMessage> = {}): QueuedMessage {
  counter += 1;
  return {
    to: 'ona@example.test',
    from: 'no-reply@parduotuve.example.lt',
    subject: `Laiškas ${counter}`,
    text: 'Tekstas',
    html: '<p>Tekstas</p>',
    kind: 'test.queue',
    lang: 'lt',
    reference: `Q-${counter}`,
    ...overrides,
  };
}

async function reload(reference: string): Promise<OutboxDoc> {
  const found = await OutboxMessage.find({ reference }).lean<OutboxDoc[]>();
  expect(found, `messages for ${reference}`).to.have.length(1);
  return found[0]!;
}

const at = (date: Date | null | undefined, ms = 0) => new Date(date!.getTime() + ms);

describe('mail queue: every e-mail is stored before it is sent, then sent once', () => {
  const t = useTestApp();
  const mailers: QueueingMailer[] = [];
  const servers: FakeSmtpServer[] = [];
  const mailerFor = (config: MailerConfig) => {
    const mailer = createMailer(config, { logger: silent });
    mailers.push(mailer);
    return mailer;
  };
  const smtpMailer = (server: FakeSmtpServer) =>
    mailerFor({ ...storeOnly, smtpUrl: `smtp://127.0.0.1:${server.port}?ignoreTLS=true` });
  const smtpServer = async (opts: { hold?: boolean } = {}) => {
    const server = await fakeSmtpServer(opts);
    servers.push(server);
    return server;
  };
  /** A mail server address where nothing listens: every attempt is refused. */
  const deadServer = async () => mailerFor({ ...storeOnly, smtpUrl: `smtp://127.0.0.1:${await freePort()}` });

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { displayName: 'Kauno dirbtuvės' } },
      { upsert: true },
    );
  });
  after(async () => {
    await Promise.all(mailers.map((m) => m.settled()));
    await Promise.all(servers.map((s) => s.close()));
  });

  it('stores a message as queued, due at once, before any attempt', async () => {
    const now = new Date();
    const { id, queued } = await enqueue(message({ reference: 'Q-STORE' }), now);
    expect(queued).to.equal(true);
    const m = await reload('Q-STORE');
    expect(String(m._id)).to.equal(String(id));
    expect(m).to.include({ status: 'queued', attempts: 0, error: '' });
    expect(m.nextAttemptAt!.getTime()).to.equal(now.getTime());
    expect(m.key).to.match(/^test\.queue:Q-STORE:[0-9a-f]{24}$/);

    const counts = await mailerFor(storeOnly).deliverQueued(now);
    expect(counts.stored).to.be.at.least(1);
    const stored = await reload('Q-STORE');
    expect(stored).to.include({ status: 'stored', attempts: 1, nextAttemptAt: null });
    expect(await OutboxAttempt.countDocuments({ messageId: id })).to.equal(1);
  });

  it('queues an event once however often it is reported; a message without a key every time', async () => {
    const mailer = mailerFor(storeOnly);
    for (let i = 0; i < 3; i++) {
      await mailer.send({ ...message({ reference: 'Q-ONCE' }), key: 'order.received:once' });
      await mailer.send(message({ reference: 'Q-MANY' }));
    }
    await Promise.all(
      [1, 2, 3].map(() => mailer.send({ ...message({ reference: 'Q-ONCE' }), key: 'order.received:once' })),
    );
    await mailer.settled();
    expect(await OutboxMessage.countDocuments({ reference: 'Q-ONCE' })).to.equal(1);
    expect(await OutboxMessage.countDocuments({ reference: 'Q-MANY' })).to.equal(3);
    expect((await reload('Q-ONCE')).status).to.equal('stored');
  });

  it('answers the caller before the mail server does: the message waits as queued, then is sent', async () => {
    const server = await smtpServer({ hold: true });
    const mailer = smtpMailer(server);
    await mailer.send(message({ reference: 'Q-SLOW' }));
    // The mail server has not even greeted yet, and the caller is already done.
    await server.connected();
    expect((await reload('Q-SLOW')).status).to.equal('queued');
    server.release();
    await mailer.settled();
    expect(await reload('Q-SLOW')).to.include({ status: 'sent', attempts: 1 });
    expect(server.received).to.have.length(1);
  });

  it('retries a refused message with doubling waits and gives up after the last attempt', async () => {
    const mailer = await deadServer();
    await mailer.send(message({ reference: 'Q-RETRY' }));
    await mailer.settled();
    let m = await reload('Q-RETRY');
    expect(m).to.include({ status: 'retrying', attempts: 1 });
    expect(m.error).to.match(/ECONNREFUSED|connect/i);
    expect(m.sentAt).to.equal(null);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const due = m.nextAttemptAt!;
      // Not due a millisecond early …
      await mailer.deliverQueued(at(due, -1));
      expect((await reload('Q-RETRY')).attempts, `before attempt ${attempt}`).to.equal(attempt - 1);
      // … and tried when due.
      await mailer.deliverQueued(due);
      m = await reload('Q-RETRY');
      expect(m.attempts).to.equal(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(m.status).to.equal('retrying');
        expect(m.nextAttemptAt!.getTime() - due.getTime(), `wait after attempt ${attempt}`).to.equal(
          retryDelayMs(attempt),
        );
      }
    }
    expect(retryDelayMs(1)).to.equal(MINUTE);
    expect(retryDelayMs(5)).to.equal(16 * MINUTE);
    expect(m).to.include({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(m.error).to.match(/ECONNREFUSED|connect/i);
    await mailer.deliverQueued(at(new Date(), 7 * 24 * 60 * MINUTE));
    expect((await reload('Q-RETRY')).attempts).to.equal(MAX_ATTEMPTS);
    expect(await OutboxAttempt.countDocuments({ messageId: m._id })).to.equal(MAX_ATTEMPTS);
  });

  it('sends a message that failed before once the mail server answers, and only once', async () => {
    const down = await deadServer();
    await down.send(message({ reference: 'Q-BACK' }));
    await down.settled();
    const failed = await reload('Q-BACK');
    expect(failed.status).to.equal('retrying');
    const server = await smtpServer();
    const up = smtpMailer(server);
    await up.deliverQueued(failed.nextAttemptAt!);
    const sent = await reload('Q-BACK');
    expect(sent).to.include({ status: 'sent', attempts: 2, error: '' });
    expect(sent.sentAt).to.be.instanceOf(Date);
    await up.deliverQueued(at(failed.nextAttemptAt, 60 * MINUTE));
    expect(server.received).to.have.length(1);
  });

  it('sends each message once when several senders run at the same moment', async () => {
    const now = new Date();
    for (let i = 0; i < 5; i++)
      await enqueue(message({ kind: 'test.race', reference: `Q-RACE-${i}`, subject: `Race ${i}` }), now);
    const server = await smtpServer();
    const [a, b] = [smtpMailer(server), smtpMailer(server)];
    await Promise.all([
      a.deliverQueued(now),
      b.deliverQueued(now),
      a.deliverQueued(now),
      b.deliverQueued(now),
    ]);
    const race = await OutboxMessage.find({ kind: 'test.race' }).lean<OutboxDoc[]>();
    expect(race.map((m) => [m.status, m.attempts])).to.deep.equal(Array(5).fill(['sent', 1]));
    expect(server.received).to.have.length(5);
    for (const m of race) {
      expect(server.received.filter((raw) => raw.includes(`Subject: ${m.subject}\r\n`))).to.have.length(1);
    }
  });

  it('never repeats an attempt cut off by a crash over SMTP; without SMTP it tries again', async () => {
    const now = new Date();
    const server = await smtpServer();
    const mailer = smtpMailer(server);
    const smtpCase = await enqueue(message({ reference: 'Q-CUT-SMTP' }), now);
    const localCase = await enqueue(message({ reference: 'Q-CUT-LOCAL' }), now);
    // Senders that claimed the first attempt and died before recording how it went.
    for (const { id } of [smtpCase, localCase]) {
      await OutboxAttempt.create({ _id: `${String(id)}:attempt:1`, messageId: id, attempt: 1, at: now });
    }

    // While the attempt may still be running, it is left alone.
    await mailer.deliverQueued(at(now, ATTEMPT_STALE_MS - MINUTE));
    expect((await reload('Q-CUT-SMTP')).status).to.equal('queued');
    expect(server.received).to.have.length(0);

    // Once it is surely dead: over SMTP the message may have gone out, so it is not sent again.
    const later = at(now, ATTEMPT_STALE_MS + MINUTE);
    // (The other message is for the store-only app below: kept out of this sender's way.)
    await OutboxMessage.updateOne(
      { _id: localCase.id },
      { $set: { nextAttemptAt: at(later, 24 * 60 * MINUTE) } },
    );
    await mailer.deliverQueued(later);
    expect(await reload('Q-CUT-SMTP')).to.include({
      status: 'failed',
      attempts: 1,
      error: INTERRUPTED_ERROR,
    });
    await mailer.deliverQueued(at(later, 60 * MINUTE));
    expect(server.received).to.have.length(0);

    // Without SMTP nothing left the app: the cut-off attempt counts as failed and the next one runs.
    await OutboxMessage.updateOne({ _id: localCase.id }, { $set: { nextAttemptAt: later } });
    const local = mailerFor(storeOnly);
    await local.deliverQueued(later);
    const retried = await reload('Q-CUT-LOCAL');
    expect(retried).to.include({ status: 'retrying', attempts: 1, error: INTERRUPTED_ERROR });
    await local.deliverQueued(retried.nextAttemptAt!);
    expect(await reload('Q-CUT-LOCAL')).to.include({ status: 'stored', attempts: 2, error: '' });
  });

  it('shows waiting and retrying messages on the outbox page, with the next attempt, in LT and EN', async () => {
    const mailer = await deadServer();
    await mailer.send(message({ reference: 'Q-PAGE', subject: 'Bandoma vėl' }));
    await mailer.settled();
    await enqueue(message({ reference: 'Q-PAGE', subject: 'Dar laukia' }));
    const retrying = (await OutboxMessage.findOne({ subject: 'Bandoma vėl' }).lean<OutboxDoc>())!;
    const agent = await signInAs(t.app, 'marketing');
    for (const [lang, dict] of [
      ['lt', mailLt],
      ['en', mailEn],
    ] as const) {
      await agent.get(`/lang/${lang}`).expect(303);
      const list = await agent.get('/admin/outbox?reference=Q-PAGE').expect(200);
      expect(list.text, lang).to.contain(dict['outbox.status.queued']);
      expect(list.text, lang).to.contain(dict['outbox.status.retrying']);
      expect(list.text, lang).to.contain(dict['outbox.nextAttemptAt']);
      const show = await agent.get(`/admin/outbox/${String(retrying._id)}`).expect(200);
      expect(show.text, lang).to.contain(dict['outbox.status.retrying']);
      expect(show.text, lang).to.contain(dict['outbox.attempts']);
      expect(show.text, lang).to.contain(dict['outbox.nextAttemptAt']);
      expect(show.text, lang).to.match(/ECONNREFUSED|connect/);
    }
  });
});
