/**
 * Reads forms and text out of rendered pages the way a browser would, so tests can submit exactly
 * what a page offers (not a hand-written body) and check what people get to read.
 */
import type { Agent } from '../support/app.ts';
import { unescapeHtml } from './helpers.ts';

export interface Control {
  tag: 'input' | 'textarea' | 'select';
  type: string;
  name: string;
  /** What the browser submits for it (a checkbox without a value attribute submits "on"). */
  value: string;
  checked: boolean;
  disabled: boolean;
  /** The text of the label wrapping the control, if any. */
  label: string;
}

export interface PageForm {
  method: string;
  action: string;
  enctype: string;
  controls: Control[];
}

/** The value of one attribute in an opening tag (undefined when absent), entities decoded. */
export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=[\\s/>])`, 'i').exec(
    tag,
  );
  if (!m) return undefined;
  return unescapeHtml(m[1] ?? m[2] ?? m[3] ?? '');
}

/** Plain text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return unescapeHtml(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function controlsOf(body: string): Control[] {
  const labels: { start: number; end: number; text: string }[] = [];
  for (const m of body.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)) {
    labels.push({ start: m.index, end: m.index + m[0].length, text: textOf(m[1]!) });
  }
  const labelAt = (i: number) => labels.find((l) => l.start <= i && i < l.end)?.text ?? '';
  const controls: Control[] = [];
  const re =
    /<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  for (const m of body.matchAll(re)) {
    const tag = m[0];
    const common = { label: labelAt(m.index), disabled: attr(tag, 'disabled') !== undefined };
    if (tag.startsWith('<input')) {
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      const checkable = type === 'checkbox' || type === 'radio';
      controls.push({
        tag: 'input',
        type,
        name: attr(tag, 'name') ?? '',
        value: attr(tag, 'value') ?? (checkable ? 'on' : ''),
        checked: attr(tag, 'checked') !== undefined,
        ...common,
      });
    } else if (tag.startsWith('<textarea')) {
      const open = `<textarea${m[1]!}>`;
      controls.push({
        tag: 'textarea',
        type: 'textarea',
        name: attr(open, 'name') ?? '',
        value: unescapeHtml(m[2]!).replace(/^\n/, ''),
        checked: false,
        ...common,
      });
    } else {
      const open = `<select${m[3]!}>`;
      const options = [...m[4]!.matchAll(/<option\b[^>]*>([\s\S]*?)<\/option>/g)];
      const chosen = options.find((o) => attr(o[0], 'selected') !== undefined) ?? options[0];
      const optionTag = chosen ? /<option\b[^>]*>/.exec(chosen[0])![0] : '';
      controls.push({
        tag: 'select',
        type: 'select',
        name: attr(open, 'name') ?? '',
        value: chosen ? (attr(optionTag, 'value') ?? textOf(chosen[1]!)) : '',
        checked: false,
        ...common,
      });
    }
  }
  return controls;
}

/** Every form on a page, with its controls. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => {
    const open = /<form\b[^>]*>/.exec(m[0])![0];
    return {
      method: (attr(open, 'method') ?? 'get').toLowerCase(),
      action: attr(open, 'action') ?? '',
      enctype: attr(open, 'enctype') ?? 'application/x-www-form-urlencoded',
      controls: controlsOf(m[0].slice(open.length)),
    };
  });
}

/** The one form on a page posting to this action. */
export function formFor(html: string, action: string): PageForm {
  const found = formsOf(html).filter((f) => f.action === action);
  if (found.length !== 1) throw new Error(`expected one form posting to ${action}, found ${found.length}`);
  return found[0]!;
}

/**
 * The body a browser sends for the form: named, enabled controls; checkboxes and radios only when
 * ticked (by the page or by `tick`); file inputs left out.
 */
export function submission(form: PageForm, tick: (c: Control) => boolean = () => false): string {
  const pairs = new URLSearchParams();
  for (const c of form.controls) {
    if (!c.name || c.disabled || c.type === 'file' || c.type === 'submit' || c.type === 'button') continue;
    if ((c.type === 'checkbox' || c.type === 'radio') && !(c.checked || tick(c))) continue;
    pairs.append(c.name, c.value);
  }
  return pairs.toString();
}

/** The pairs a browser sends for the form, as a list (for multipart bodies). */
export function submittedPairs(
  form: PageForm,
  tick: (c: Control) => boolean = () => false,
): [string, string][] {
  return [...new URLSearchParams(submission(form, tick)).entries()];
}

/**
 * Sends the form to its own action with its own method and encoding, as the browser does: the
 * page's values, with `set` typed over them and `files` chosen in its file inputs.
 */
export function sendForm(
  agent: Agent,
  form: PageForm,
  opts: {
    set?: Record<string, string>;
    tick?: (c: Control) => boolean;
    files?: Record<string, { name: string; data: Buffer }>;
  } = {},
) {
  const typed = new Set<string>();
  const pairs = submittedPairs(form, opts.tick).map(([k, v]): [string, string] => {
    if (opts.set && k in opts.set && !typed.has(k)) {
      typed.add(k);
      return [k, opts.set[k]!];
    }
    return [k, v];
  });
  for (const k of Object.keys(opts.set ?? {}))
    if (!typed.has(k)) throw new Error(`no field ${k} in the form`);
  if (form.enctype === 'multipart/form-data') {
    let req = agent.post(form.action);
    for (const [k, v] of pairs) req = req.field(k, v);
    for (const [k, f] of Object.entries(opts.files ?? {})) req = req.attach(k, f.data, f.name);
    return req;
  }
  return agent.post(form.action).type('form').send(new URLSearchParams(pairs).toString());
}
