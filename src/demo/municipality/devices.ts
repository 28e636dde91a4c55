/**
 * Exempelkommun's devices and subscriptions: a computer for nearly everyone, a phone with its
 * subscription for many, some tablets; old ones among them (scrapped when their holder leaves), a
 * few already handed back. Its own random sequence, so adding it changes nothing else in the demo.
 */
import { createRng, type SymbolicDraft } from '../common.js';
import type { Cast } from './people.js';

const LAPTOPS = ['Lenovo ThinkPad T14', 'HP EliteBook 840', 'Dell Latitude 5440', 'Lenovo ThinkPad X1'];
const PHONES = ['iPhone 13', 'iPhone 15', 'Samsung Galaxy A54', 'iPhone SE'];

export function generateDevices(cast: Cast, seed: number, daysAgo: (n: number) => string): SymbolicDraft<'devices'>[] {
  const rng = createRng((seed ^ 0x5eedde71) >>> 0);
  const out: SymbolicDraft<'devices'>[] = [];
  let serial = 1000;
  let phone = 1000;
  for (const p of cast.people) {
    if (p.external && !p.jobTitle.includes('omsorg')) continue;
    const holder = { holder: p.upn, holderEmail: p.upn };
    if (rng.chance(0.95))
      out.push({
        title: 'Bärbar dator',
        kind: 'dator',
        identifier: `PC-${serial++}`,
        model: rng.pick(LAPTOPS),
        // Some older than four years: the leaver task says "skrota" for them.
        purchaseDate: daysAgo(rng.int(60, 1900)),
        ...holder,
        cost: 4200,
        status: 'i bruk',
      });
    if (rng.chance(0.55)) {
      out.push({
        title: 'Mobiltelefon',
        kind: 'mobiltelefon',
        identifier: `IMEI-35${String(serial++).padStart(6, '0')}`,
        model: rng.pick(PHONES),
        purchaseDate: daysAgo(rng.int(60, 1700)),
        ...holder,
        cost: 2400,
        status: 'i bruk',
      });
      out.push({
        title: 'Mobilabonnemang',
        kind: 'abonnemang',
        identifier: `070-${String(phone++).padStart(4, '0')} ${String(rng.int(10, 99))}`,
        ...holder,
        cost: 1800,
        status: 'i bruk',
      });
    }
    if (p.tag === 'manager' && rng.chance(0.5))
      out.push({
        title: 'Surfplatta',
        kind: 'surfplatta',
        identifier: `IPAD-${serial++}`,
        model: 'iPad Air',
        purchaseDate: daysAgo(rng.int(60, 1200)),
        ...holder,
        cost: 2000,
        status: 'i bruk',
      });
  }
  // Leavers of long ago have handed theirs back; recent ones still hold them (the tasks the demo shows).
  const longGone = new Set(cast.people.filter((p) => !p.active && p.endDate && p.endDate < daysAgo(120)).map((p) => p.upn));
  return out.map((d) =>
    longGone.has(d.holderEmail as string) ? { ...d, status: d.kind === 'abonnemang' ? 'avslutad' : 'återlämnad' } : d,
  );
}
