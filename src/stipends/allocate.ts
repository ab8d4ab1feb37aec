/**
 * The stipend engine: a pure, deterministic function of its input, exactly as docs/domain.md "Stipend
 * allocation" defines it (steps 1–6). Integer cents; BigInt wherever a product can leave
 * the exact range of a double (amount × weight and pool × base inside split, basis × bps, base × days).
 *
 * Where the contract is silent:
 * - a line with no weights, split by attendance days, uses the days as recorded (not capped at workdays);
 *   if nobody attended either, its amount counts in the basis but is attributed to nobody;
 * - in a cap round every participant above the cap is cut at once, and the round's cut cents are split
 *   in one go; whoever reaches exactly the cap is not "capped" (only exceeding it is);
 * - input is refused (StipendInputError) also for: a period that is not YYYY-MM, fields outside the
 *   contract, empty or duplicate ids, fractional days or weights, a negative base, cap or costs, and sums
 *   the engine reports that would leave the exact range (Σ|amounts|, Σ weights of a line, Σ days, Σ bases).
 */
import { split } from '../lib/split.ts';
import { baseOf, parseStipendInput, type StipendInput, type StipendLine } from './engine-schemas.ts';

export type { StipendInput, StipendPolicy, StipendLine, StipendParticipant } from './engine-schemas.ts';
export { StipendInputError, parseStipendInput } from './engine-schemas.ts';

export interface ParticipantResult {
  id: string;
  attributedSalesCents: number;
  baseCents: number;
  performanceCents: number;
  totalCents: number;
  capped: boolean;
}

export interface StipendResult {
  period: string;
  basisCents: number;
  poolCents: number;
  reserveCents: number;
  allocatedCents: number;
  unallocatedCents: number;
  /** Sorted by id in ascending code-unit order. */
  participants: ParticipantResult[];
}

/** How a line's amount was attributed (step 2); "nobody" when neither weights nor attendance exist. */
export type LineRule = 'contributions' | 'attendance' | 'nobody';

/** One round of the cap loop (step 5). */
export interface CapRound {
  /** Cents cut from each participant capped in this round. */
  cut: Map<string, number>;
  /** Cents each receiver got from this round's cut (empty when nobody was left to receive). */
  received: Map<string, number>;
  /** Σ attributed of the receivers: the denominator of this round's split. */
  receiversAttributedCents: number;
  /** Cut cents nobody could receive. */
  unallocatedCents: number;
}

/** Every intermediate figure of one run, so that the explanation is the computation itself. */
export interface AllocationWork {
  input: StipendInput;
  /** Participant ids in ascending code-unit order. */
  ids: string[];
  sumLinesCents: number;
  basisCents: number;
  poolCents: number;
  reserveCents: number;
  /** Σ attendance days (the denominator of the attendance rule). */
  attendanceTotal: number;
  /** Σ line shares per participant, before negative sums are counted as 0. */
  preClamp: Map<string, number>;
  attributed: Map<string, number>;
  attributedTotal: number;
  /** ⌊baseAmountCents · min(days, workdays) / workdays⌋ before any scaling. */
  baseByDays: Map<string, number>;
  baseByDaysTotal: number;
  /** True when Σ base > pool, so the bases are split(pool, base_i) and P = 0. */
  baseScaled: boolean;
  /** Base and performance after steps 3–4, before the cap. */
  baseBeforeCap: Map<string, number>;
  perfBeforeCap: Map<string, number>;
  performancePoolCents: number;
  /** P when nobody has attributed sales (step 4), else 0. */
  performanceUnallocatedCents: number;
  capRounds: CapRound[];
  capped: Set<string>;
  base: Map<string, number>;
  perf: Map<string, number>;
  result: StipendResult;
}

/**
 * Called once per line with its rule, the participants the rule involves (ascending code-unit order), their
 * weights (summed contribution weights, or attendance days), Σ weights and their shares.
 */
export type LineObserver = (
  line: StipendLine,
  rule: LineRule,
  ids: readonly string[],
  weights: readonly number[],
  totalWeight: number,
  shares: readonly number[],
) => void;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sum = (m: ReadonlyMap<string, number>) => {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
};

/** Allocates the stipend pool of a period; throws StipendInputError for input that breaks the contract. */
export function allocateStipends(input: StipendInput): StipendResult {
  return runAllocation(input).result;
}

/** Validates, then runs steps 1–6 keeping every intermediate figure (used by explainAllocation). */
export function runAllocation(raw: StipendInput, observeLine?: LineObserver): AllocationWork {
  const input = parseStipendInput(raw);
  const { policy } = input;
  const ids = input.participants.map((p) => p.id).sort(byCodeUnit);
  const zeros = () => new Map(ids.map((id) => [id, 0]));

  // Step 1. Σ|amounts| is a safe integer (checked), so these sums are exact as numbers.
  let sumLinesCents = 0;
  for (const line of input.lines) sumLinesCents += line.amountCents;
  const basisCents = Math.max(0, sumLinesCents - (policy.deductCosts ? input.costsCents : 0));
  const poolCents = Number((BigInt(basisCents) * BigInt(policy.poolShareBps)) / 10000n);
  const reserveCents = basisCents - poolCents;

  // Step 2.
  const attendance = new Map(input.participants.map((p) => [p.id, p.attendanceDays]));
  const attendanceTotal = sum(attendance);
  const preClamp = zeros();
  // Attendance weights are the same for every line without weights: who has days, in id order.
  const byDays = ids.filter((id) => attendance.get(id)! > 0);
  const daysWeights = byDays.map((id) => attendance.get(id)!);
  for (const line of input.lines) {
    let lineIds: string[] = [];
    let weights: number[] = [];
    let totalWeight = 0;
    for (const c of line.contributions) totalWeight += c.weight;
    let rule: LineRule = 'contributions';
    if (totalWeight > 0) [lineIds, weights] = summedWeights(line);
    else if (attendanceTotal > 0) {
      rule = 'attendance';
      [lineIds, weights, totalWeight] = [byDays, daysWeights, attendanceTotal];
    } else rule = 'nobody';
    const shares = rule === 'nobody' ? [] : splitLine(line.amountCents, lineIds, weights, totalWeight);
    for (let k = 0; k < lineIds.length; k++)
      preClamp.set(lineIds[k]!, preClamp.get(lineIds[k]!)! + shares[k]!);
    if (observeLine) {
      if (rule === 'nobody') [lineIds, weights] = summedWeights(line);
      observeLine(line, rule, lineIds, weights, totalWeight, shares);
    }
  }
  const attributed = new Map(ids.map((id) => [id, Math.max(0, preClamp.get(id)!)]));
  const attributedTotal = sum(attributed);

  // Step 3.
  const baseByDays = new Map(ids.map((id) => [id, Number(baseOf(input, attendance.get(id)!))]));
  const baseByDaysTotal = sum(baseByDays);
  const baseScaled = baseByDaysTotal > poolCents;
  const baseBeforeCap = baseScaled ? inIdOrder(ids, split(poolCents, baseByDays)) : new Map(baseByDays);
  const performancePoolCents = baseScaled ? 0 : poolCents - baseByDaysTotal;

  // Step 4.
  const perfBeforeCap =
    attributedTotal > 0 ? inIdOrder(ids, split(performancePoolCents, attributed)) : zeros();
  const performanceUnallocatedCents = attributedTotal > 0 ? 0 : performancePoolCents;

  // Step 5.
  const base = new Map(baseBeforeCap);
  const perf = new Map(perfBeforeCap);
  const capped = new Set<string>();
  const capRounds: CapRound[] = [];
  const cap = policy.capCents;
  while (cap !== null) {
    const cut = new Map<string, number>();
    for (const id of ids) {
      const b = base.get(id)!;
      const p = perf.get(id)!;
      if (b + p <= cap) continue;
      const keptBase = Math.min(b, cap);
      base.set(id, keptBase);
      perf.set(id, Math.min(p, cap - keptBase));
      cut.set(id, b + p - cap);
      capped.add(id);
    }
    if (cut.size === 0) break;
    const cutTotal = sum(cut);
    const receivers = new Map(
      ids.filter((id) => !capped.has(id) && attributed.get(id)! > 0).map((id) => [id, attributed.get(id)!]),
    );
    const received =
      receivers.size > 0
        ? inIdOrder([...receivers.keys()], split(cutTotal, receivers))
        : new Map<string, number>();
    for (const [id, cents] of received) perf.set(id, perf.get(id)! + cents);
    capRounds.push({
      cut,
      received,
      receiversAttributedCents: sum(receivers),
      unallocatedCents: receivers.size > 0 ? 0 : cutTotal,
    });
    if (receivers.size === 0) break;
  }

  // Step 6.
  const participants = ids.map((id) => ({
    id,
    attributedSalesCents: attributed.get(id)!,
    baseCents: base.get(id)!,
    performanceCents: perf.get(id)!,
    totalCents: base.get(id)! + perf.get(id)!,
    capped: capped.has(id),
  }));
  const allocatedCents = participants.reduce((s, p) => s + p.totalCents, 0);
  const result: StipendResult = {
    period: input.period,
    basisCents,
    poolCents,
    reserveCents,
    allocatedCents,
    unallocatedCents: poolCents - allocatedCents,
    participants,
  };
  return {
    input,
    ids,
    sumLinesCents,
    basisCents,
    poolCents,
    reserveCents,
    attendanceTotal,
    preClamp,
    attributed,
    attributedTotal,
    baseByDays,
    baseByDaysTotal,
    baseScaled,
    baseBeforeCap,
    perfBeforeCap,
    performancePoolCents,
    performanceUnallocatedCents,
    capRounds,
    capped,
    base,
    perf,
    result,
  };
}

/** The participants a line's contributions name, in id order, with the weights of each added up. */
function summedWeights(line: StipendLine): [string[], number[]] {
  const cs = line.contributions;
  if (cs.length === 1) return [[cs[0]!.participantId], [cs[0]!.weight]];
  const byId = new Map<string, number>();
  for (const c of cs) byId.set(c.participantId, (byId.get(c.participantId) ?? 0) + c.weight);
  const lineIds = [...byId.keys()].sort(byCodeUnit);
  return [lineIds, lineIds.map((id) => byId.get(id)!)];
}

/**
 * split() of src/lib/split.ts for one line: `ids` in ascending code-unit order, `totalWeight` = Σ weights > 0.
 * When |total|·W is a safe integer every product is, and doubles give the same cents several times faster
 * than BigInt (the benchmark's 100,000 lines spend most of their time here); otherwise split() itself.
 */
export function splitLine(
  total: number,
  ids: readonly string[],
  weights: readonly number[],
  totalWeight: number,
): number[] {
  const abs = Math.abs(total);
  if (abs * totalWeight > Number.MAX_SAFE_INTEGER) {
    const parts = split(total, new Map(ids.map((id, k) => [id, weights[k]!])));
    return ids.map((id) => parts.get(id)!);
  }
  const n = ids.length;
  const shares = new Array<number>(n);
  const rems = new Array<number>(n);
  let left = abs;
  for (let k = 0; k < n; k++) {
    const product = abs * weights[k]!;
    // % of doubles is exact, and (product − rem) / W is an exact multiple: no rounding anywhere.
    const rem = product % totalWeight;
    const q = (product - rem) / totalWeight;
    shares[k] = q;
    rems[k] = rem;
    left -= q;
  }
  if (left > 0) {
    // Largest remainder first; equal remainders keep index order, which is the ids' code-unit order.
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => rems[y]! - rems[x]! || x - y);
    for (let k = 0; k < left; k++) shares[order[k]!]!++;
  }
  if (total < 0) for (let k = 0; k < n; k++) shares[k] = shares[k] === 0 ? 0 : -shares[k]!;
  return shares;
}

/** Re-keys a split result in the given order, so maps iterate in the same order whatever the input order. */
function inIdOrder(ids: readonly string[], m: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(ids.map((id) => [id, m.get(id)!]));
}
