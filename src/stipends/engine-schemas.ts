/**
 * The input contract of the stipend engine (docs/domain.md "Stipend allocation"): its types, its
 * Zod schema and the checks that span fields (unknown or duplicate ids, sums that must stay exact).
 */
import { z } from 'zod';

export interface StipendPolicy {
  /** Share of the basis that goes to the pool, 0..10000. */
  poolShareBps: number;
  deductCosts: boolean;
  /** Base for a participant who attended every workday. */
  baseAmountCents: number;
  /** No participant's total exceeds this; null = no cap. */
  capCents: number | null;
}

export interface StipendContribution {
  participantId: string;
  /** Hours×100 or units; only ratios matter. */
  weight: number;
}

export interface StipendLine {
  id: string;
  /** Net of VAT; a refund is a negative line. */
  amountCents: number;
  contributions: StipendContribution[];
}

export interface StipendParticipant {
  id: string;
  attendanceDays: number;
}

export interface StipendInput {
  /** YYYY-MM */
  period: string;
  policy: StipendPolicy;
  workdays: number;
  participants: StipendParticipant[];
  lines: StipendLine[];
  costsCents: number;
}

/** Refusal of input that breaks the contract; `field` is the path of the first offending value. */
export class StipendInputError extends Error {
  readonly field: string;
  readonly reason: string;
  /** Every problem found, first one first (the same as `field`/`reason`). */
  readonly issues: ReadonlyArray<{ field: string; reason: string }>;

  constructor(issues: ReadonlyArray<{ field: string; reason: string }>) {
    const first = issues[0] ?? { field: '', reason: 'invalid input' };
    super(first.field ? `${first.field}: ${first.reason}` : first.reason);
    this.name = 'StipendInputError';
    this.field = first.field;
    this.reason = first.reason;
    this.issues = issues;
  }
}

const MAX = Number.MAX_SAFE_INTEGER;

/** A missing field says so; anything else of the wrong kind gets the field's own message. */
const err = (msg: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : msg),
});
const wholeCents = () => z.int(err('must be a whole number of cents'));
const nonNegative = (msg: string) => z.int(err(msg)).min(0, { error: 'must not be negative' });

const policySchema = z.strictObject(
  {
    poolShareBps: z
      .int(err('must be a whole number of basis points'))
      .min(0, { error: 'must be between 0 and 10000' })
      .max(10000, { error: 'must be between 0 and 10000' }),
    deductCosts: z.boolean(err('must be true or false')),
    baseAmountCents: nonNegative('must be a whole number of cents'),
    capCents: nonNegative('must be a whole number of cents or null').nullable(),
  },
  err('must be an object'),
);

const contributionSchema = z.strictObject(
  {
    participantId: z.string(err('must be a participant id')),
    weight: nonNegative('must be a whole number'),
  },
  err('must be an object'),
);

const lineSchema = z.strictObject(
  {
    id: z.string(err('must be a text id')).min(1, { error: 'must not be empty' }),
    amountCents: wholeCents(),
    contributions: z.array(contributionSchema, err('must be a list (possibly empty)')),
  },
  err('must be an object'),
);

const participantSchema = z.strictObject(
  {
    id: z.string(err('must be a text id')).min(1, { error: 'must not be empty' }),
    attendanceDays: nonNegative('must be a whole number of days'),
  },
  err('must be an object'),
);

const inputShape = {
  period: z.string(err('must be a month YYYY-MM')).regex(/^\d{4}-(0[1-9]|1[0-2])$/, {
    error: 'must be a month YYYY-MM',
  }),
  policy: policySchema,
  workdays: z.int(err('must be a whole number of days')).min(1, { error: 'must be greater than 0' }),
  participants: z.array(participantSchema, err('must be a list')),
  lines: z.array(lineSchema, err('must be a list')),
  costsCents: nonNegative('must be a whole number of cents'),
};

export const stipendInputSchema = z.strictObject(
  inputShape,
  err('must be an object'),
) satisfies z.ZodType<StipendInput>;

/** The input with its lines left unchecked: parseStipendInput checks them one by one (see there why). */
const shellSchema = z.strictObject(
  { ...inputShape, lines: z.array(z.unknown(), err('must be a list')) },
  err('must be an object'),
);
const keyOrder = Object.keys(inputShape);

/** ⌊baseAmountCents · min(attendanceDays, workdays) / workdays⌋, exact (step 3). */
export function baseOf(input: StipendInput, attendanceDays: number): bigint {
  const days = Math.min(attendanceDays, input.workdays);
  return (BigInt(input.policy.baseAmountCents) * BigInt(days)) / BigInt(input.workdays);
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/**
 * Parses and checks an engine input, or throws StipendInputError naming the offending field. Besides the
 * schema: ids unique, contributions name listed participants, and the sums the engine and its explanation
 * report (Σ|amounts|, Σ weights of a line, Σ attendance, Σ base) stay safe integers so every figure is exact.
 */
export function parseStipendInput(raw: unknown): StipendInput {
  const shell = shellSchema.safeParse(raw);
  const found: Array<{ field: string; reason: string; order: number }> = [];
  const add = (zodIssues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const i of zodIssues) {
      const path = [...prefix, ...i.path];
      const order = path.length > 0 ? keyOrder.indexOf(String(path[0])) : -1;
      if (i.code === 'unrecognized_keys') {
        found.push({
          field: join(fieldPath(path), String(i.keys[0])),
          reason: 'is not part of the contract',
          order,
        });
      } else found.push({ field: fieldPath(path), reason: i.message, order });
    }
  };
  if (!shell.success) add(shell.error.issues, []);
  // Line by line, and the lines that passed are kept as given: the schema has no transforms, so Zod's copy
  // would be equal, and copying 100,000 lines at once would double the engine's peak memory.
  const rawLines = (raw as { lines?: unknown } | null)?.lines;
  if (Array.isArray(rawLines)) {
    rawLines.forEach((line, l) => {
      const checked = lineSchema.safeParse(line);
      if (!checked.success) add(checked.error.issues, ['lines', l]);
    });
  }
  if (!shell.success || found.length > 0) {
    throw new StipendInputError(
      found.sort((a, b) => a.order - b.order).map(({ field, reason }) => ({ field, reason })),
    );
  }
  const input: StipendInput = { ...shell.data, lines: rawLines as StipendLine[] };
  const issues: { field: string; reason: string }[] = [];
  const ids = new Set<string>();
  let attendance = 0;
  input.participants.forEach((p, i) => {
    if (ids.has(p.id))
      issues.push({ field: `participants[${i}].id`, reason: `duplicate participant "${p.id}"` });
    ids.add(p.id);
    attendance += p.attendanceDays;
  });
  if (attendance > MAX) issues.push({ field: 'participants', reason: 'total attendance days is too large' });
  const sumBase = input.participants.reduce((s, p) => s + baseOf(input, p.attendanceDays), 0n);
  if (sumBase > BigInt(MAX)) {
    issues.push({
      field: 'policy.baseAmountCents',
      reason: 'the bases of all participants add up beyond exact range',
    });
  }
  const lineIds = new Set<string>();
  let absAmounts = 0;
  input.lines.forEach((line, l) => {
    if (lineIds.has(line.id)) issues.push({ field: `lines[${l}].id`, reason: `duplicate line "${line.id}"` });
    lineIds.add(line.id);
    absAmounts += Math.abs(line.amountCents);
    let weights = 0;
    line.contributions.forEach((c, k) => {
      if (!ids.has(c.participantId)) {
        issues.push({
          field: `lines[${l}].contributions[${k}].participantId`,
          reason: `unknown participant "${c.participantId}"`,
        });
      }
      weights += c.weight;
    });
    if (weights > MAX)
      issues.push({ field: `lines[${l}].contributions`, reason: 'weights add up beyond exact range' });
  });
  if (absAmounts > MAX) issues.push({ field: 'lines', reason: 'amounts add up beyond exact range' });
  if (issues.length > 0) throw new StipendInputError(issues);
  return input;
}
