/**
 * OData v3 $filter, the subset SharePoint list items accept, parsed into an AST. Values never reach
 * SQL as text: the compiler (query.ts) binds them as parameters.
 */
import { errors } from './errors.js';

export type Literal = { kind: 'literal'; value: string | number | boolean | null; datetime?: boolean };
export type Member = { kind: 'member'; path: string[] };
export type DatePart = { kind: 'datepart'; fn: 'day' | 'month' | 'year'; member: Member };
export type Operand = Literal | Member | DatePart;
export type CmpOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expr: FilterNode }
  | { kind: 'cmp'; op: CmpOp; left: Operand; right: Operand }
  | { kind: 'func'; name: 'startswith' | 'substringof'; member: Member; value: Literal };

type Token =
  | { t: 'punct'; v: '(' | ')' | ',' | '/' }
  | { t: 'str'; v: string }
  | { t: 'dt'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ident'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === '/') {
      out.push({ t: 'punct', v: ch });
      i++;
      continue;
    }
    if (ch === "'") {
      const [value, next] = readString(src, i);
      out.push({ t: 'str', v: value });
      i = next;
      continue;
    }
    const numMatch = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/.exec(src.slice(i));
    if (numMatch && (ch === '-' || /\d/.test(ch))) {
      out.push({ t: 'num', v: parseFloat(numMatch[0]) });
      i += numMatch[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      i += ident[0].length;
      if (ident[0].toLowerCase() === 'datetime' && src[i] === "'") {
        const [value, next] = readString(src, i);
        out.push({ t: 'dt', v: value });
        i = next;
      } else {
        out.push({ t: 'ident', v: ident[0] });
      }
      continue;
    }
    throw errors.badFilter(src);
  }
  return out;
}

function readString(src: string, start: number): [string, number] {
  let i = start + 1;
  let value = '';
  for (;;) {
    if (i >= src.length) throw errors.badFilter(src);
    const ch = src[i] as string;
    if (ch === "'") {
      if (src[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return [value, i + 1];
    }
    value += ch;
    i++;
  }
}

const OPS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/** Deepest nesting of parentheses and `not` accepted, and most comparisons in one filter. */
export const MAX_FILTER_DEPTH = 100;
export const MAX_FILTER_TERMS = 1000;

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  let terms = 0;
  // A hostile filter (thousands of nested parentheses) must be a 400, never a stack overflow.
  const deeper = <T>(parse: () => T): T => {
    if (++depth > MAX_FILTER_DEPTH) throw errors.badRequest(`The $filter is nested more than ${MAX_FILTER_DEPTH} levels deep.`);
    try {
      return parse();
    } finally {
      depth--;
    }
  };
  const fail = (): never => {
    throw errors.badFilter(src);
  };
  const peek = () => tokens[pos];
  const isIdent = (tok: Token | undefined, word: string) => tok?.t === 'ident' && tok.v.toLowerCase() === word;
  const expectPunct = (v: string) => {
    const tok = tokens[pos++];
    if (!tok || tok.t !== 'punct' || tok.v !== v) fail();
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isIdent(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isIdent(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (isIdent(peek(), 'not')) {
      pos++;
      return { kind: 'not', expr: deeper(parseUnary) };
    }
    const tok = peek();
    if (tok?.t === 'punct' && tok.v === '(') {
      pos++;
      const inner = deeper(parseOr);
      expectPunct(')');
      return inner;
    }
    if (++terms > MAX_FILTER_TERMS) throw errors.badRequest(`The $filter has more than ${MAX_FILTER_TERMS} conditions.`);
    if (isIdent(tok, 'startswith') || isIdent(tok, 'substringof')) {
      const node = parseBoolFunc();
      // `startswith(A,'x') eq true` is accepted too
      if (peek()?.t === 'ident' && OPS.has((peek() as { v: string }).v.toLowerCase())) {
        const op = (tokens[pos++] as { v: string }).v.toLowerCase();
        const rhs = parseOperand();
        if (rhs.kind !== 'literal' || typeof rhs.value !== 'boolean' || (op !== 'eq' && op !== 'ne')) fail();
        const negate = (rhs as Literal).value === (op === 'ne');
        return negate ? { kind: 'not', expr: node } : node;
      }
      return node;
    }
    const left = parseOperand();
    const opTok = tokens[pos++];
    if (!opTok || opTok.t !== 'ident' || !OPS.has(opTok.v.toLowerCase())) fail();
    const right = parseOperand();
    return { kind: 'cmp', op: (opTok as { v: string }).v.toLowerCase() as CmpOp, left, right };
  };
  const parseBoolFunc = (): FilterNode => {
    const name = (tokens[pos++] as { v: string }).v.toLowerCase() as 'startswith' | 'substringof';
    expectPunct('(');
    const a = parseOperand();
    expectPunct(',');
    const b = parseOperand();
    expectPunct(')');
    if (name === 'startswith') {
      if (a.kind !== 'member' || b.kind !== 'literal') fail();
      return { kind: 'func', name, member: a as Member, value: b as Literal };
    }
    if (a.kind !== 'literal' || b.kind !== 'member') fail();
    return { kind: 'func', name, member: b as Member, value: a as Literal };
  };
  const parseMember = (first: string): Member => {
    const path = [first];
    while (peek()?.t === 'punct' && (peek() as { v: string }).v === '/') {
      pos++;
      const next = tokens[pos++];
      if (!next || next.t !== 'ident') fail();
      path.push((next as { v: string }).v);
    }
    if (path.length > 2) fail();
    return { kind: 'member', path };
  };
  const parseOperand = (): Operand => {
    const tok = tokens[pos++];
    if (!tok) return fail();
    if (tok.t === 'str') return { kind: 'literal', value: tok.v };
    if (tok.t === 'dt') return { kind: 'literal', value: tok.v, datetime: true };
    if (tok.t === 'num') return { kind: 'literal', value: tok.v };
    if (tok.t === 'ident') {
      const word = tok.v.toLowerCase();
      if (word === 'null') return { kind: 'literal', value: null };
      if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
      if ((word === 'day' || word === 'month' || word === 'year') && peek()?.t === 'punct' && (peek() as { v: string }).v === '(') {
        pos++;
        const m = tokens[pos++];
        if (!m || m.t !== 'ident') return fail();
        const member = parseMember(m.v);
        expectPunct(')');
        return { kind: 'datepart', fn: word, member };
      }
      return parseMember(tok.v);
    }
    return fail();
  };

  const tree = parseOr();
  if (pos !== tokens.length) fail();
  return tree;
}
