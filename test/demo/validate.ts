import { listSpec, type ListKey } from '../../src/shared/schema/index.js';
import { demoLists, lookupKeyField, type DemoData } from '../../src/demo/common.js';

/**
 * Checks symbolic demo data against the site schema: every key is a schema field, every value has
 * the field's type and limits, choices are valid, required fields are set, persons are known people
 * and lookups point at items in the data. Returns the problems (empty = valid).
 */
export function validateDemoData(data: DemoData, sampleEvery = 1): string[] {
  const problems: string[] = [];
  const people = new Set(data.people.map((p) => p.upn));
  const keys: Partial<Record<ListKey, Set<string>>> = {};
  for (const [list, field] of Object.entries(lookupKeyField) as [ListKey, string][]) {
    keys[list] = new Set((data[list as keyof typeof lookupKeyField] as Record<string, unknown>[]).map((i) => String(i[field])));
  }
  for (const list of demoLists) {
    const spec = listSpec(list);
    const items = data[list] as Record<string, unknown>[];
    for (let n = 0; n < items.length; n += sampleEvery) {
      const item = items[n] as Record<string, unknown>;
      const where = `${list}[${n}]`;
      for (const f of spec.fields) {
        if (f.required && (item[f.key] === undefined || item[f.key] === null || item[f.key] === ''))
          problems.push(`${where}.${f.key} saknas (obligatoriskt)`);
      }
      for (const [key, value] of Object.entries(item)) {
        const f = spec.fields.find((x) => x.key === key);
        if (!f) {
          problems.push(`${where}: okänt fält ${key}`);
          continue;
        }
        if (value === null || value === undefined) continue;
        const bad = (why: string) => problems.push(`${where}.${key} = ${JSON.stringify(value)}: ${why}`);
        switch (f.type) {
          case 'text':
            if (typeof value !== 'string') bad('inte text');
            else if (f.maxLength !== undefined && value.length > f.maxLength) bad(`längre än ${f.maxLength}`);
            break;
          case 'note':
            if (typeof value !== 'string') bad('inte text');
            break;
          case 'number':
            if (typeof value !== 'number' || !Number.isFinite(value)) bad('inte ett tal');
            else {
              if (f.min !== undefined && value < f.min) bad(`under ${f.min}`);
              if (f.max !== undefined && value > f.max) bad(`över ${f.max}`);
              if (f.decimals === 0 && !Number.isInteger(value)) bad('inte ett heltal');
            }
            break;
          case 'currency':
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) bad('inte ett belopp');
            break;
          case 'boolean':
            if (typeof value !== 'boolean') bad('inte ja/nej');
            break;
          case 'dateTime':
            if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) bad('inte ett datum');
            else if (f.dateOnly && !/^\d{4}-\d{2}-\d{2}$/.test(value)) bad('inte ÅÅÅÅ-MM-DD');
            else if (!f.dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) bad('inte en ISO-tidpunkt');
            break;
          case 'choice':
            if (!f.choices.includes(value as string)) bad(`inte ett av ${f.choices.join(', ')}`);
            break;
          case 'user':
            if (typeof value !== 'string' || !people.has(value)) bad('okänd person');
            break;
          case 'userMulti':
            if (!Array.isArray(value) || value.some((v) => !people.has(v))) bad('okänd person');
            break;
          case 'lookup':
          case 'lookupMulti': {
            const target = keys[f.list as ListKey];
            const refs = f.type === 'lookup' ? [value] : (value as unknown[]);
            if (!Array.isArray(refs) || !target || refs.some((r) => !target.has(String(r)))) bad(`pekar inte på något i ${f.list}`);
            break;
          }
        }
      }
    }
  }
  return problems;
}
