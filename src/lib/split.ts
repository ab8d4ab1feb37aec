/**
 * Largest-remainder (Hamilton) split of an integer total by weights, as docs/domain.md ("Splitting by
 * largest remainder") defines it: each key gets ⌊total·w/W⌋, the cents left go one each to the largest
 * remainders (total·w mod W), ties broken by key in ascending code-unit order; a negative total is split
 * as its absolute value and negated; if W = 0 every key gets 0. BigInt inside, so products beyond 2^53
 * stay exact.
 */
export function split(total: number, weights: ReadonlyMap<string, number | bigint>): Map<string, number> {
  if (!Number.isSafeInteger(total)) throw new RangeError('split: total must be a safe integer');
  const result = new Map<string, number>();
  const keys = [...weights.keys()];
  let sumW = 0n;
  for (const k of keys) {
    const w = BigInt(weights.get(k)!);
    if (w < 0n) throw new RangeError(`split: negative weight for ${k}`);
    sumW += w;
  }
  if (sumW === 0n) {
    for (const k of keys) result.set(k, 0);
    return result;
  }
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(total));
  let given = 0n;
  const remainders: { key: string; rem: bigint }[] = [];
  for (const k of keys) {
    const product = abs * BigInt(weights.get(k)!);
    const share = product / sumW;
    given += share;
    result.set(k, Number(share));
    remainders.push({ key: k, rem: product % sumW });
  }
  remainders.sort((a, b) =>
    a.rem === b.rem ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.rem > b.rem ? -1 : 1,
  );
  for (let left = abs - given, i = 0; left > 0n; left--, i++) {
    const key = remainders[i]!.key;
    result.set(key, result.get(key)! + 1);
  }
  if (sign < 0n) for (const k of keys) result.set(k, -result.get(k)! || 0);
  return result;
}
