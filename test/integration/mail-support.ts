/** Shared steps of the e-mail tests (not a spec file: mocha only runs `*.test.ts`). */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { Quote, ServiceRequest, type QuoteDoc, type ServiceRequestDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import type { Lang } from '../../src/web/i18n.ts';
import { tokenFor, type Agent } from '../support/app.ts';
import { unescapeHtml } from './helpers.ts';
import {
  PDF_BYTES,
  postRequestForm,
  quoteForm,
  reload,
  requestFields,
  staffPost,
} from './services-support.ts';

export const ORG = 'Kauno socialinės dirbtuvės';

/** The visible text of an e-mail's HTML: tags dropped, entities undone, spaces joined. */
export function visible(html: string): string {
  return unescapeHtml(
    html
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&nbsp;/g, ' '),
  )
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** The checks every HTML e-mail passes: the layout's frame, language, no outside CSS or fonts. */
export function expectLayout(html: string, lang: Lang, name = ORG): void {
  expect(html).to.match(/^<!doctype html>/i);
  expect(html).to.match(new RegExp(`<html lang="${lang}"`));
  expect(html).to.contain('prefers-color-scheme: dark');
  expect(html).not.to.match(/<script|<link\b|@import|fonts\.googleapis|url\(http/i);
  expect(visible(html)).to.contain(name);
  for (const img of html.match(/<img\b[^>]*>/g) ?? []) {
    expect(img, 'an image has alt text').to.match(/\balt="[^"]+"/);
    expect(img, 'an image is addressed absolutely').to.match(/\bsrc="https?:\/\//);
  }
}

export async function mailsOf(reference: string, kind?: string): Promise<OutboxDoc[]> {
  return OutboxMessage.find({ reference, ...(kind ? { kind } : {}) })
    .sort({ createdAt: 1, _id: 1 })
    .lean<OutboxDoc[]>();
}

/** The organisation the e-mails name, with its contacts. */
export async function seedMailOrganisation(): Promise<void> {
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    {
      $set: {
        displayName: ORG,
        legalName: 'VšĮ Kauno socialinės dirbtuvės',
        email: 'info@dirbtuves.example.lt',
        phone: '+370 600 11111',
        address: 'Vytauto pr. 5, Kaunas',
      },
    },
    { upsert: true },
  );
}

/** A request from the form (with a PDF attached) in `lang`, quoted by staff through the pages; v1 sent. */
export async function quotedThroughPages(app: Express, marketing: Agent, lang: Lang = 'lt') {
  const agent = supertest.agent(app);
  if (lang === 'en') await agent.get('/lang/en').expect(303);
  const sent = await postRequestForm(agent, requestFields(), [{ name: 'planas.pdf', data: PDF_BYTES }]);
  expect(sent.status, sent.text.slice(0, 500)).to.equal(303);
  const token = /^\/requests\/([A-Za-z0-9_-]+)\?submitted=1$/.exec(String(sent.headers.location))![1];
  const request = (await ServiceRequest.findOne({ token }).lean<ServiceRequestDoc>())!;
  expect(request.contact?.lang ?? 'lt').to.equal(lang);
  const id = String(request._id);
  const csrf = await tokenFor(marketing, `/admin/requests/${id}`);
  const line = { description: 'Pakavimas', quantity: '10', unitPrice: '12,50', vatRate: '21' };
  await staffPost(
    marketing,
    `/admin/requests/${id}/quote`,
    csrf,
    quoteForm([line], { send: '1', leadTimeDays: '7' }),
  ).expect(303);
  const quote = (await Quote.findById(`${id}:v1`).lean<QuoteDoc>())!;
  return { agent, request: await reload(request._id), quote };
}
