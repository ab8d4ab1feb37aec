import { parseArgs } from 'node:util';
import { configForEntryPoint } from '../src/config.ts';
import { openDatabase } from '../src/db/start.ts';
import { FieldError } from '../src/lib/errors.ts';
import { createAdminArgs } from '../src/staff/schemas.ts';
import { createStaff } from '../src/staff/service.ts';
import { translate } from '../src/web/i18n.ts';

const USAGE = 'Usage: npm run create-admin -- --email name@example.lt --name "Vardas Pavardė"';

/** Reads and validates the options; returns the problem as text when they are wrong. */
function readArgs(argv: string[]): { email: string; name: string } | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return (err as Error).message;
  }
  const parsed = createAdminArgs.safeParse(values);
  if (parsed.success) return parsed.data;
  return parsed.error.issues
    .map((i) => {
      const params: Record<string, number> = 'maximum' in i ? { max: Number(i.maximum) } : {};
      return `--${i.path.join('.')}: ${translate('en', i.message, params)}`;
    })
    .join('\n');
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }

  const config = configForEntryPoint();
  if (!config) return 2;

  const db = await openDatabase(config, (msg) => console.log(msg));
  try {
    const { user, password } = await createStaff({ email: args.email, name: args.name, role: 'admin' });
    console.log(
      [
        `Administrator created: ${user.name} <${user.email}>`,
        `One-time password: ${password}`,
        'It is shown only now. It must be changed at the first sign-in.',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof FieldError) {
      console.error(`--${err.field}: ${translate('en', err.messageKey, err.params)}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`Creating the administrator failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
