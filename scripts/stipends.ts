import { configForEntryPoint } from '../src/config.ts';
import { openDatabase } from '../src/db/start.ts';
import { allocateStipends } from '../src/stipends/allocate.ts';
import { formatTable, parseCliArgs, USAGE } from '../src/stipends/cli.ts';
import { StipendInputError } from '../src/stipends/engine-schemas.ts';
import { computeDraft, getFinalised } from '../src/stipends/service.ts';

async function main(): Promise<number> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n${USAGE}`);
    return 2;
  }
  const { period, json } = parsed.args;
  const config = configForEntryPoint();
  if (!config) return 2;
  // Progress goes to stderr so that --json output stays parseable.
  const db = await openDatabase(config, (msg) => console.error(msg));
  try {
    const fin = await getFinalised(period);
    const source = fin
      ? { input: fin.input, names: fin.names }
      : await computeDraft(period).then((d) => ({ input: d.input, names: d.names }));
    const result = allocateStipends(source.input);
    if (json)
      console.log(
        JSON.stringify({ state: fin ? 'finalised' : 'draft', input: source.input, result }, null, 2),
      );
    else {
      if (fin) console.log(`Period ${period} is finalised: this is its frozen input.`);
      console.log(formatTable(source.input, result, source.names));
    }
  } catch (err) {
    if (!(err instanceof StipendInputError)) throw err;
    console.error(`The period's data breaks the allocation contract: ${err.message}`);
    return 1;
  } finally {
    await db.close();
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`Computing stipends failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
