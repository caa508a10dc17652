/**
 * Just enough reading of Bicep text for the offline infra tests (no Bicep compiler here): params,
 * outputs, resource and module blocks, and the `{ … }` / `[ … ]` block after a given start.
 * Strings (with `${…}` interpolations) and `//` comments are skipped when matching brackets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoPath = (path: string): string =>
  fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const readRepoFile = (path: string): string => readFileSync(repoPath(path), 'utf8');

export interface BicepParam {
  name: string;
  type: string;
  /** The default value's text, when the param has one. */
  defaultValue?: string;
  /** The values of an `@allowed([...])` decorator right above it. */
  allowed?: string[];
}

export interface BicepBlock {
  symbol: string;
  /** `Microsoft.Web/sites` for a resource, the file path for a module. */
  type: string;
  apiVersion?: string;
  existing: boolean;
  /** The text between the outer braces. */
  body: string;
}

/** The index of the bracket closing the one at `open`, skipping strings and comments. */
export function closingIndex(text: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  let i = open;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (c === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (c in pairs) {
      stack.push(pairs[c]!);
    } else if (c === '}' || c === ']' || c === ')') {
      if (stack.pop() !== c) {
        throw new Error(`Unbalanced ${c} at ${i}`);
      }
      if (stack.length === 0) {
        return i;
      }
    }
    i += 1;
  }
  throw new Error(`No closing bracket for the one at ${open}`);
}

/** The index just after the string starting at `start` (a `'`), interpolations included. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      return i + 1;
    }
    if (c === '$' && text[i + 1] === '{') {
      i = closingIndex(text, i + 1) + 1;
      continue;
    }
    i += 1;
  }
  throw new Error(`Unterminated string at ${start}`);
}

/** The text without `//` comments (strings kept), for "is this name used" questions. */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (text[i] === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** The block (`{…}` or `[…]`) starting at the first bracket at or after `from`. */
export function blockAfter(
  text: string,
  from: number,
): { start: number; end: number; body: string } {
  const start = text.slice(from).search(/[{[]/) + from;
  if (start < from) {
    throw new Error(`No block after ${from}`);
  }
  const end = closingIndex(text, start);
  return { start, end, body: text.slice(start + 1, end) };
}

export function params(text: string): BicepParam[] {
  const found: BicepParam[] = [];
  for (const match of text.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)) {
    const [, name, type, defaultValue] = match;
    // Decorators sit on the lines right above, up to a blank line or another declaration.
    const above = text.slice(0, match.index).split('\n').slice(0, -1);
    const decoratorLines: string[] = [];
    for (let line = above.pop(); line !== undefined; line = above.pop()) {
      if (line.trim() === '' || /^(param|var|resource|module|output|targetScope)\b/.test(line)) {
        break;
      }
      decoratorLines.unshift(line);
    }
    const decorators = decoratorLines.join('\n');
    const allowedAt = decorators.indexOf('@allowed(');
    const allowed =
      allowedAt === -1
        ? undefined
        : [...blockAfter(decorators, allowedAt).body.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    found.push({
      name: name!,
      type: type!,
      ...(defaultValue !== undefined && { defaultValue }),
      ...(allowed !== undefined && { allowed }),
    });
  }
  return found;
}

export function outputs(text: string): Map<string, { type: string; value: string }> {
  const found = new Map<string, { type: string; value: string }>();
  for (const [, name, type, value] of text.matchAll(/^output (\w+) (\w+) = (.+)$/gm)) {
    found.set(name!, { type: type!, value: value! });
  }
  return found;
}

export function resources(text: string): BicepBlock[] {
  const found: BicepBlock[] = [];
  for (const match of text.matchAll(/^resource (\w+) '([^'@]+)@([^']+)'( existing)? = /gm)) {
    found.push({
      symbol: match[1]!,
      type: match[2]!,
      apiVersion: match[3]!,
      existing: match[4] !== undefined,
      body: blockAfter(text, match.index + match[0].length).body,
    });
  }
  return found;
}

export function modules(text: string): BicepBlock[] {
  const found: BicepBlock[] = [];
  for (const match of text.matchAll(/^module (\w+) '([^']+)' = /gm)) {
    found.push({
      symbol: match[1]!,
      type: match[2]!,
      existing: false,
      body: blockAfter(text, match.index + match[0].length).body,
    });
  }
  return found;
}

/** The single resource of `type` in `text`. */
export function resourceOfType(text: string, type: string): BicepBlock {
  const matching = resources(text).filter((resource) => resource.type === type);
  if (matching.length !== 1) {
    throw new Error(`Expected one ${type}, found ${matching.length}`);
  }
  return matching[0]!;
}

export function moduleNamed(text: string, symbol: string): BicepBlock {
  const found = modules(text).find((module) => module.symbol === symbol);
  if (found === undefined) {
    throw new Error(`No module ${symbol}`);
  }
  return found;
}

/** The text of the value of `key:` inside `body` (the first one): a block or the rest of the line. */
export function property(body: string, key: string): string | undefined {
  const match = new RegExp(`^\\s*'?${key}'?: `, 'm').exec(withoutComments(body));
  if (match === null) {
    return undefined;
  }
  const text = withoutComments(body);
  const valueStart = match.index + match[0].length;
  const first = text[valueStart];
  if (first === '{' || first === '[') {
    return text.slice(valueStart, closingIndex(text, valueStart) + 1);
  }
  // The rest of the line, and the lines after while brackets are open or a ternary goes on.
  const lines = text.slice(valueStart).split('\n');
  let value = lines.shift()!;
  const open = (code: string) =>
    (code.match(/[{[(]/g)?.length ?? 0) - (code.match(/[}\])]/g)?.length ?? 0);
  while (lines.length > 0 && (open(codeOnly(value)) > 0 || /^\s*[?:] /.test(lines[0]!))) {
    value += `\n${lines.shift()!}`;
  }
  return value.trim();
}

/** `{ name: 'X' value: … }` items of a Bicep array literal, as name → value text. */
export function nameValueItems(arrayBody: string): Map<string, string> {
  const items = new Map<string, string>();
  let from = 0;
  for (;;) {
    const open = arrayBody.indexOf('{', from);
    if (open === -1) {
      return items;
    }
    const close = closingIndex(arrayBody, open);
    const item = arrayBody.slice(open + 1, close);
    const name = /^\s*name: '([^']+)'$/m.exec(item)?.[1];
    const value = property(item, 'value');
    if (name === undefined || value === undefined) {
      throw new Error(`Not a {name, value} item: ${item}`);
    }
    items.set(name, value);
    from = close + 1;
  }
}

/** The text of `var <name> = …` (a block or the rest of the line). */
export function variable(text: string, name: string): string {
  const match = new RegExp(`^var ${name} = `, 'm').exec(text);
  if (match === null) {
    throw new Error(`No var ${name}`);
  }
  const at = match.index + match[0].length;
  if (text[at] === '[' || text[at] === '{') {
    return text.slice(at, closingIndex(text, at) + 1);
  }
  return text.slice(at, text.indexOf('\n', at)).trim();
}

/** The code alone: comments dropped, each string reduced to its `${…}` interpolations. */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      const end = stringEnd(text, i);
      const inner = text.slice(i + 1, end - 1);
      const interpolations: string[] = [];
      for (let at = inner.indexOf('${'); at !== -1; at = inner.indexOf('${', at + 1)) {
        const close = closingIndex(inner, at + 1);
        interpolations.push(codeOnly(inner.slice(at + 2, close)));
        at = close;
      }
      out += `'${interpolations.map((expr) => `(${expr})`).join('')}'`;
      i = end;
    } else if (text[i] === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/**
 * How many times `name` is used as a value in the code: not in comments or strings (their
 * interpolations count), not as an object key (`name:`) nor as a property (`.name`), and not in
 * its own `param`/`var`/`output` declaration.
 */
export function identifierUses(text: string, name: string): number {
  const code = codeOnly(text).replace(new RegExp(`^(param|var|output) ${name}\\b`, 'gm'), '$1');
  return code.match(new RegExp(`(?<![\\w.])${name}(?![\\w:])`, 'g'))?.length ?? 0;
}

/** Bicep string literal text (`'x'`) → its value; anything else → undefined. */
export function literalString(value: string): string | undefined {
  const match = /^'((?:[^'\\$]|\\.)*)'$/.exec(value.trim());
  return match === null ? undefined : match[1]!.replace(/\\(.)/g, '$1');
}

/**
 * `var <name> = <condition>\n  ? […]\n  : […]`: the condition's text and the bodies (between the
 * brackets) of the array taken when it holds and of the one taken when it does not.
 */
export function ternaryArrays(
  text: string,
  name: string,
): { condition: string; whenTrue: string; whenFalse: string } {
  const match = new RegExp(`^var ${name} = (.+)\\n\\s*\\? \\[`, 'm').exec(text);
  if (match === null) {
    throw new Error(`No var ${name} = <condition> ? [...] : [...]`);
  }
  const whenTrue = blockAfter(text, match.index + match[0].length - 1);
  const rest = text.slice(whenTrue.end + 1);
  if (!/^\s*: \[/.test(rest)) {
    throw new Error(`var ${name}: no ': [...]' after the first array`);
  }
  const whenFalse = blockAfter(text, whenTrue.end + 1);
  return { condition: match[1]!.trim(), whenTrue: whenTrue.body, whenFalse: whenFalse.body };
}
