import { z } from 'zod';
import { PERIOD_RE } from '../lib/dates.ts';
import { centsToCsv } from '../lib/csv.ts';
import type { StipendResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { PersonLabel } from './inputs.ts';

export const USAGE =
  'Usage: npm run stipends -- compute --period YYYY-MM [--json]\n' +
  '  compute   builds the period input from the database and runs the allocation (nothing is stored)\n' +
  '  --json    prints {input, result} as JSON instead of a table';

const argsSchema = z.strictObject({
  command: z.literal('compute', { error: 'the only command is "compute"' }),
  period: z
    .string({ error: '--period YYYY-MM is required' })
    .regex(PERIOD_RE, { error: '--period must be a month YYYY-MM, e.g. 2026-10' }),
  json: z.boolean(),
});
export type CliArgs = z.output<typeof argsSchema>;

/** Reads `compute --period 2026-10 [--json]` (also `--period=2026-10`); a message on anything else. */
export function parseCliArgs(argv: string[]): { ok: true; args: CliArgs } | { ok: false; message: string } {
  const raw: Record<string, unknown> = { json: false };
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--json') raw.json = true;
    else if (arg === '--period') raw.period = rest.shift();
    else if (arg.startsWith('--period=')) raw.period = arg.slice('--period='.length);
    else if (!arg.startsWith('-') && raw.command === undefined) raw.command = arg;
    else return { ok: false, message: `Unknown argument: ${arg}` };
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  return { ok: true, args: parsed.data };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The result as a plain-text table (amounts in euros with a dot, as the accountant's CSV has them). */
export function formatTable(
  input: StipendInput,
  result: StipendResult,
  names: Record<string, PersonLabel>,
): string {
  const head = ['Code', 'Name', 'Days', 'Attributed', 'Base', 'Performance', 'Total', 'Capped'];
  const rows = result.participants.map((p) => [
    names[p.id]?.code ?? '',
    names[p.id]?.displayName ?? p.id,
    String(input.participants.find((x) => x.id === p.id)?.attendanceDays ?? 0),
    centsToCsv(p.attributedSalesCents),
    centsToCsv(p.baseCents),
    centsToCsv(p.performanceCents),
    centsToCsv(p.totalCents),
    p.capped ? 'yes' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i >= 2 && i <= 6)).join('  ');
  return [
    `Period ${result.period}: ${input.lines.length} income lines, ${input.participants.length} participants`,
    `Basis ${centsToCsv(result.basisCents)}  pool ${centsToCsv(result.poolCents)}  reserve ${centsToCsv(result.reserveCents)}  ` +
      `allocated ${centsToCsv(result.allocatedCents)}  unallocated ${centsToCsv(result.unallocatedCents)}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
