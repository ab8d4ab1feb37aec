import { localized, translate, type Lang } from '../web/i18n.ts';
import type { ParticipantResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { StipendResult } from './allocate.ts';
import { StipendResultMismatchError, explainAllocation, type AllocationExplanation } from './explain.ts';
import type { LineLabel, PersonLabel } from './inputs.ts';

/**
 * The explanation of a frozen period. Should the engine of today compute something else from the
 * frozen input (it changed since), the frozen figures stay what is shown and paid, `matches` is
 * false so the page can say so, and the explanation is today's reading of the same input.
 */
export function explainFrozen(
  input: StipendInput,
  result: StipendResult,
): { explanation: AllocationExplanation; matches: boolean } {
  try {
    return { explanation: explainAllocation(input, result), matches: true };
  } catch (err) {
    if (!(err instanceof StipendResultMismatchError)) throw err;
    const today = explainAllocation(input);
    const frozen = new Map(result.participants.map((p) => [p.id, p]));
    return {
      explanation: {
        ...today,
        result,
        participants: today.participants.map((p) => ({ ...p, result: frozen.get(p.id) ?? p.result })),
      },
      matches: false,
    };
  }
}

/** What a line was, in words: the product's title or "service work", and the order/invoice. */
export function lineText(label: LineLabel | undefined, lang: Lang): string {
  if (!label) return translate(lang, 'stipend.line.unknown');
  const title = localized(label.title, lang);
  const what =
    label.kind === 'job'
      ? title
        ? translate(lang, 'stipend.line.jobTitled', { title })
        : translate(lang, 'stipend.line.job')
      : title || translate(lang, 'stipend.line.product');
  const key = label.refund ? 'stipend.line.refundOf' : 'stipend.line.saleOf';
  return translate(lang, key, { what, reference: label.reference });
}

export interface StatementSource {
  period: string;
  input: StipendInput;
  participants: ParticipantResult[];
  lineLabels: Record<string, LineLabel>;
  names: Record<string, PersonLabel>;
}
