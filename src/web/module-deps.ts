import type { Csrf } from './csrf.ts';
import type { Config } from '../config.ts';
import type { FileStorage } from '../media/storage.ts';
import type { Commerce } from '../payments/service.ts';

/** What app.ts hands to a module's routers. */
export interface ModuleRouteDeps {
  csrf: Csrf;
  storage: FileStorage;
  commerce: Commerce;
  config: Config;
}
