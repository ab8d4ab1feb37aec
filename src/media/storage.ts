import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live. Keys are random names like `products/3f…a1.webp`; never user input. */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  /** The stored bytes, or null when there is no such file (a photo removed since). */
  read(key: string): Promise<Buffer | null>;
  publicUrl(key: string): string;
}

const KEY_RE = /^[a-z]+\/[a-f0-9]{32}(-thumb)?\.webp$/;

export function assertStorageKey(key: string): void {
  if (!KEY_RE.test(key)) throw new Error(`Refusing storage key ${JSON.stringify(key)}`);
}

/** Files under a local directory, served read-only by the app at `/media`. */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertStorageKey(key);
    const file = path.join(this.root, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data, { flag: 'wx', mode: 0o644 });
  }

  async remove(key: string): Promise<void> {
    assertStorageKey(key);
    await rm(path.join(this.root, key), { force: true });
  }

  async read(key: string): Promise<Buffer | null> {
    assertStorageKey(key);
    try {
      return await readFile(path.join(this.root, key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  publicUrl(key: string): string {
    return `/media/${key}`;
  }
}
