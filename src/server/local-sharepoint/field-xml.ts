/**
 * A small parser for the <Field .../> schema XML that createFieldAsXml receives. It handles exactly
 * the shape SharePoint field XML takes: one element with attributes, optional <CHOICES>/<Default>
 * children, XML entities and numeric character references.
 */
import { unescapeXml as decodeXml } from '../../shared/xml.js';

export interface ParsedFieldXml {
  attrs: Record<string, string>;
  choices: string[];
  defaultValue: string | null;
}

export { unescapeXml as decodeXml, escapeXml as encodeXml } from '../../shared/xml.js';

export function parseFieldXml(xml: string): ParsedFieldXml {
  const open = /^\s*<Field\b((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/i.exec(xml);
  if (!open) throw new Error('Invalid field schema XML');
  const attrs: Record<string, string> = {};
  const attrRe = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = attrRe.exec(open[1] ?? '')) !== null) {
    attrs[m[1] as string] = decodeXml(m[2] ?? m[3] ?? '');
  }
  const choices: string[] = [];
  let defaultValue: string | null = null;
  if (open[2] !== '/') {
    const inner = xml.slice(open[0].length);
    if (!/<\/Field>\s*$/i.test(inner)) throw new Error('Invalid field schema XML');
    const choiceRe = /<CHOICE>([\s\S]*?)<\/CHOICE>/gi;
    while ((m = choiceRe.exec(inner)) !== null) choices.push(decodeXml(m[1] ?? ''));
    const def = /<Default>([\s\S]*?)<\/Default>/i.exec(inner);
    if (def) defaultValue = decodeXml(def[1] ?? '');
  }
  return { attrs, choices, defaultValue };
}
