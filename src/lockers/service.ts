import type { Logger } from 'pino';
import { translate, type Lang } from '../web/i18n.ts';
import { LOCKER_NETWORKS, Locker, LockerList, type LockerNetwork } from './model.ts';
import { LockerListError, parseTerminalList, type TerminalRecord } from './parse.ts';

export { LOCKER_NETWORKS, LockerListError, type LockerNetwork, type TerminalRecord };

/** The largest list accepted, from an upload or a source address (Omniva's whole list is ~2 MB). */
export const MAX_LIST_BYTES = 20 * 1024 * 1024;

export function isLockerNetwork(value: unknown): value is LockerNetwork {
  return typeof value === 'string' && (LOCKER_NETWORKS as readonly string[]).includes(value);
}

export interface Terminal extends TerminalRecord {
  network: LockerNetwork;
}

export interface ImportResult {
  network: LockerNetwork;
  count: number;
  skipped: number;
  deactivated: number;
}

/**
 * Stores a network's list: each terminal written by its `(network, terminalId)` (unique), and the
 * network's terminals that this list no longer has and no newer import wrote are marked inactive.
 * No transaction is needed: two imports of one network at once end as the later one left it.
 */
export async function storeTerminals(
  network: LockerNetwork,
  terminals: TerminalRecord[],
  meta: { skipped: number; source: 'upload' | 'url' | 'demo'; by: string },
): Promise<ImportResult> {
  const importedAt = new Date();
  for (let i = 0; i < terminals.length; i += 500) {
    await Locker.bulkWrite(
      terminals.slice(i, i + 500).map((t) => ({
        updateOne: {
          filter: { network, terminalId: t.terminalId },
          update: { $set: { ...t, network, active: true, importedAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
  const gone = await Locker.updateMany(
    { network, active: true, importedAt: { $lt: importedAt } },
    { $set: { active: false } },
  );
  await LockerList.updateOne(
    { _id: network },
    {
      $set: { importedAt, count: terminals.length, skipped: meta.skipped, source: meta.source, by: meta.by },
    },
    { upsert: true },
  );
  return { network, count: terminals.length, skipped: meta.skipped, deactivated: gone.modifiedCount };
}

/** Parses and stores a list a person uploaded or a source gave; throws LockerListError when unreadable. */
export async function importTerminalList(
  network: LockerNetwork,
  content: string | Buffer,
  meta: { source: 'upload' | 'url'; by: string },
): Promise<ImportResult> {
  const parsed = parseTerminalList(content);
  return storeTerminals(network, parsed.terminals, { ...meta, skipped: parsed.skipped });
}

/** Fetches a network's list from its configured address and imports it. */
export async function refreshFromUrl(
  network: LockerNetwork,
  url: string,
  timeoutMs = 30_000,
): Promise<ImportResult> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new LockerListError('lockers.errors.fetchFailed', { status: res.status });
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_LIST_BYTES) throw new LockerListError('lockers.errors.tooLarge');
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_LIST_BYTES) throw new LockerListError('lockers.errors.tooLarge');
  return importTerminalList(network, body, { source: 'url', by: url });
}

/**
 * The scheduled refresh: each network with a configured address, one after the other; a network
 * whose list cannot be fetched or read keeps its terminals as they were (logged).
 */
export async function refreshLockerLists(
  sources: { network: LockerNetwork; url: string }[],
  logger: Pick<Logger, 'info' | 'error'>,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const { network, url } of sources) {
    try {
      const result = await refreshFromUrl(network, url);
      logger.info({ ...result }, 'parcel locker list refreshed');
      results.push(result);
    } catch (err) {
      logger.error({ err, network }, 'parcel locker list not refreshed');
    }
  }
  return results;
}

/** The active terminals of every network, by town and name: what the checkout offers. */
export async function activeTerminals(): Promise<Terminal[]> {
  const docs = await Locker.find({ active: true })
    .sort({ network: 1, city: 1, name: 1 })
    .select({ _id: 0, network: 1, terminalId: 1, name: 1, address: 1, city: 1, postcode: 1 })
    .lean<Terminal[]>();
  return docs;
}

/** An active terminal of a network, or null. */
export async function findTerminal(network: LockerNetwork, terminalId: string): Promise<Terminal | null> {
  return Locker.findOne({ network, terminalId, active: true })
    .select({ _id: 0, network: 1, terminalId: 1, name: 1, address: 1, city: 1, postcode: 1 })
    .lean<Terminal>();
}

/** How a terminal reads on an order, a slip or an e-mail: "Name, street, postcode town". */
export function terminalLine(t: Pick<TerminalRecord, 'name' | 'address' | 'city' | 'postcode'>): string {
  const place = [t.postcode ? `LT-${t.postcode}` : '', t.city].filter(Boolean).join(' ');
  return [t.name, t.address, place].filter(Boolean).join(', ');
}

/** How a chosen terminal reads on an order: "Omniva — Name, street, LT-97111 Kretinga". */
export function lockerText(lang: Lang, t: Terminal): string {
  return `${translate(lang, `lockers.networks.${t.network}`)} — ${terminalLine(t)}`;
}

export interface NetworkSummary {
  network: LockerNetwork;
  active: number;
  importedAt: Date | null;
  source: string;
  by: string;
  skipped: number;
}

/** Per network: active terminals and the last import. */
export async function networkSummaries(): Promise<NetworkSummary[]> {
  const lists = await LockerList.find().lean();
  return Promise.all(
    LOCKER_NETWORKS.map(async (network) => {
      const list = lists.find((l) => l._id === network);
      return {
        network,
        active: await Locker.countDocuments({ network, active: true }),
        importedAt: list?.importedAt ?? null,
        source: list?.source ?? '',
        by: list?.by ?? '',
        skipped: list?.skipped ?? 0,
      };
    }),
  );
}
