import type { Logger } from 'pino';
import {
  appendChange,
  forgetHead,
  knownHead,
  noteTaken,
  readEntry,
  readHead,
  type Change,
} from './changes.ts';
import { CatalogueStore } from './store.ts';

export { CatalogueStore } from './store.ts';
export type { Change } from './changes.ts';
export { type Matcher, substringMatcher } from './search.ts';

export interface FollowOptions {
  /** How often the change log is read for new entries. */
  followMs: number;
  /** How long a missing entry with later entries after it is waited for before it is skipped. */
  gapMs: number;
  /** A full rebuild this often, whatever the log says (changes made behind the service's back). */
  rebuildMs: number;
}

/** How often a follower at the end of the log checks that no entries lie beyond a missing one. */
const HEAD_CHECK_MS = 5_000;

export const FOLLOW_DEFAULTS: FollowOptions = { followMs: 200, gapMs: 1_000, rebuildMs: 15 * 60_000 };

/**
 * The in-memory public catalogue of this instance and the loop that keeps it in step with the
 * change log (changes.ts): every `followMs` it reads the entries after the last one applied, by
 * `_id`. A missing number with entries after it (a hole: deleted, or pruned while this instance
 * was behind) is waited for `gapMs`, then skipped with a full rebuild; an unreadable entry is
 * skipped with a full rebuild at once. Both are logged. Built on first use (`ready`).
 */
export class PublicCatalogue {
  readonly store = new CatalogueStore();
  private seq = 0;
  private building: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private holeSince: number | null = null;
  private lastHeadCheck = 0;
  private lastBuild = 0;
  private stopped = false;
  /** How many full builds ran (the first included), for tests and the benchmark. */
  builds = 0;

  private readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  private readonly opts: FollowOptions;

  constructor(logger: Pick<Logger, 'info' | 'warn' | 'error'>, opts: FollowOptions = FOLLOW_DEFAULTS) {
    this.logger = logger;
    this.opts = opts;
  }

  /** The store, built (once) from the database. */
  async ready(): Promise<CatalogueStore> {
    if (this.lastBuild === 0) await this.rebuild();
    return this.store;
  }

  /** Reads the whole catalogue from the database; the log is followed from the newest entry before it. */
  rebuild(): Promise<void> {
    this.building ??= (async () => {
      try {
        const head = await readHead();
        noteTaken(head);
        await this.store.load();
        this.seq = Math.max(this.seq, head);
        this.lastBuild = Date.now();
        this.builds += 1;
        this.holeSince = null;
        this.schedule();
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.opts.followMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Applies a change made by this instance at once (its own pages show it without waiting). */
  async applyLocal(change: Change): Promise<void> {
    if (this.lastBuild === 0 || this.stopped) return;
    await this.store.apply(change);
  }

  /** Reads and applies the entries after the last one applied; never throws (logs). */
  async tick(): Promise<void> {
    if (this.ticking || this.building || this.stopped) return;
    this.ticking = true;
    try {
      if (Date.now() - this.lastBuild > this.opts.rebuildMs) {
        await this.rebuild();
        return;
      }
      for (let n = 0; n < 1_000; n++) {
        const next = this.seq + 1;
        const entry = await readEntry(next);
        if (entry === undefined) {
          await this.onMissing(next);
          return;
        }
        noteTaken(next);
        this.holeSince = null;
        if (entry === null) {
          this.logger.warn({ seq: next }, 'catalogue change log: unreadable entry skipped, rebuilding');
          this.seq = next;
          await this.rebuild();
          continue;
        }
        await this.store.apply(entry.change);
        this.seq = next;
      }
    } catch (err) {
      this.logger.error({ err }, 'catalogue change log: following failed (tried again)');
    } finally {
      this.ticking = false;
    }
  }

  /**
   * No entry `next`: the end of the log, or a hole when a later entry exists (the next one, or one
   * this process appended, or the newest, read every few seconds).
   */
  private async onMissing(next: number): Promise<void> {
    let later = knownHead() > next || (await readEntry(next + 1)) !== undefined;
    if (!later && Date.now() - this.lastHeadCheck > HEAD_CHECK_MS) {
      this.lastHeadCheck = Date.now();
      const head = await readHead();
      noteTaken(head);
      later = head > next;
    }
    if (!later) {
      this.holeSince = null;
      return;
    }
    this.holeSince ??= Date.now();
    if (Date.now() - this.holeSince < this.opts.gapMs) return;
    this.logger.warn({ seq: next }, 'catalogue change log: entry missing, skipped, rebuilding');
    this.seq = next;
    await this.rebuild();
  }

  /** The last entry applied (for tests). */
  get position(): number {
    return this.seq;
  }
}

/** This process's catalogue (one database connection per process, so one catalogue). */
let current: PublicCatalogue | null = null;

/** Starts this process's catalogue (replacing, and stopping, an earlier one). */
export function startPublicCatalogue(
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  opts: FollowOptions = FOLLOW_DEFAULTS,
): PublicCatalogue {
  current?.stop();
  forgetHead();
  current = new PublicCatalogue(logger, opts);
  return current;
}

/**
 * Records a change to what the public pages show: appended to the log (other instances follow it)
 * and applied to this instance's catalogue at once.
 */
export async function publishChange(change: Change): Promise<void> {
  await appendChange(change);
  await current?.applyLocal(change);
}
