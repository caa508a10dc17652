import { syntaxError } from './errors.ts';

/** One lexical unit of a `$filter` expression, with where it starts (for error messages). */
export type Token =
  | { kind: 'identifier'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'guid'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'dateTime'; value: string; position: number }
  | { kind: 'punctuation'; text: '(' | ')' | ',' | ':' | '/'; position: number }
  | { kind: 'end'; position: number };

const GUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const IDENTIFIER = /^\$?[A-Za-z_][A-Za-z0-9_]*/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w-])/;
const NUMBER = /^-?\d+(?![\w-])/;
const PUNCTUATION = new Set(['(', ')', ',', ':', '/']);

/**
 * Splits a `$filter` into tokens. GUIDs are recognised before identifiers and numbers because
 * Graph takes them unquoted (`skuId eq 6fd2c87f-…`) and they may start with a letter or a digit.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "'") {
      const { value, next } = readString(text, i);
      tokens.push({ kind: 'string', value, position: i });
      i = next;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: 'punctuation', text: ch as '(' | ')' | ',' | ':' | '/', position: i });
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      tokens.push({ kind: 'guid', value: guid[0].toLowerCase(), position: i });
      i += guid[0].length;
      continue;
    }
    const dateTime = DATE_TIME.exec(rest);
    if (dateTime) {
      tokens.push({ kind: 'dateTime', value: dateTime[0], position: i });
      i += dateTime[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    const identifier = IDENTIFIER.exec(rest);
    if (identifier) {
      tokens.push({ kind: 'identifier', text: identifier[0], position: i });
      i += identifier[0].length;
      continue;
    }
    throw syntaxError(text, i, `The character '${ch}' is not valid here.`);
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}

/** Reads a single-quoted literal where `''` stands for one quote, as OData writes it. */
function readString(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === "'") {
      if (text.charAt(i + 1) === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, next: i + 1 };
    }
    value += ch;
    i += 1;
  }
  throw syntaxError(text, start, 'The string literal is not closed.');
}

/** A token as an error message names it. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the filter';
    case 'identifier':
      return `'${token.text}'`;
    case 'punctuation':
      return `'${token.text}'`;
    case 'string':
      return `the string '${token.value}'`;
    case 'guid':
      return `the GUID ${token.value}`;
    case 'number':
      return `the number ${token.value}`;
    case 'dateTime':
      return `the date ${token.value}`;
  }
}
