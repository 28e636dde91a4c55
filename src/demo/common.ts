import { addCalendarMonths, calendarDateToStored, stockholmDate, type CalendarDate } from '../domain/calendar.js';
import type { DraftOf, ListKey, RoleKey } from '../shared/schema/index.js';

/**
 * Shared vocabulary of the demo generators: the symbolic record shape, a seeded PRNG, date helpers
 * (calendar arithmetic from src/domain/calendar.ts) and names. Everything here is pure; nothing
 * touches SharePoint.
 */

/**
 * A draft whose persons and lookups are symbolic, because SharePoint ids only exist after insert:
 * persons are UPNs, departments codes, systems and courses titles, incidents reference numbers.
 */
type Symbolize<V> = V extends readonly (infer E)[] ? (E extends { id: number } ? string[] : V) : V extends { id: number } ? string : V;
export type SymbolicDraft<K extends ListKey> = { [P in keyof DraftOf<K>]: Symbolize<DraftOf<K>[P]> };

/** The field whose value identifies an item of a list when another list looks it up. */
export const lookupKeyField = {
  departments: 'code',
  systems: 'title',
  incidents: 'referenceNumber',
  trainingCourses: 'title',
} as const satisfies Partial<Record<ListKey, string>>;

export type PersonaRole = 'employee' | 'systemOwner' | 'securityCoordinator' | 'admin';

/** A directory entry the local store needs so `ensureUser` can resolve the person. */
export interface DemoPerson {
  upn: string;
  displayName: string;
  email: string;
}

/** A person the local sign-in page offers, e.g. "Anna Lind – systemägare". */
export interface DemoPersona {
  upn: string;
  role: PersonaRole;
  title: string;
}

/** Data for one municipality, in list dependency order, ready for seedSite(). */
export interface DemoData {
  municipality: { name: string; domain: string; seed: number; generatedAt: string };
  people: DemoPerson[];
  personas: DemoPersona[];
  /** UPNs per SharePoint role group. */
  groups: Record<RoleKey, string[]>;
  departments: SymbolicDraft<'departments'>[];
  staff: SymbolicDraft<'staff'>[];
  trainingCourses: SymbolicDraft<'trainingCourses'>[];
  courseModules: SymbolicDraft<'courseModules'>[];
  systems: SymbolicDraft<'systems'>[];
  incidents: SymbolicDraft<'incidents'>[];
  timeline: SymbolicDraft<'timeline'>[];
  actions: SymbolicDraft<'actions'>[];
  trainingCompletions: SymbolicDraft<'trainingCompletions'>[];
  devices: SymbolicDraft<'devices'>[];
  /** Konfiguration values the seed sets (the reports' municipality name and budgets). */
  settings: { key: string; value: unknown }[];
}

/** Lists seedSite writes, in dependency order. */
export const demoLists = [
  'departments',
  'staff',
  'trainingCourses',
  'courseModules',
  'systems',
  'incidents',
  'timeline',
  'actions',
  'trainingCompletions',
  'devices',
] as const satisfies readonly ListKey[];
export type DemoListKey = (typeof demoLists)[number];

// ---------------- randomness ----------------

export interface Rng {
  /** [0, 1) */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
  hex(length: number): string;
}

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() på en tom lista.');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    },
    hex(length: number): string {
      let s = '';
      while (s.length < length)
        s += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, '0');
      return s.slice(0, length);
    },
  };
}

// ---------------- dates ----------------

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** YYYY-MM-DD of an instant in Europe/Stockholm (the domain's calendar-date format). */
export function dateOnly(ms: number): CalendarDate {
  return stockholmDate(new Date(ms));
}

/** ISO instant to the minute, e.g. 2026-03-29T08:14:00.000Z. */
export function instant(ms: number): string {
  return new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
}

const monthsLater = new Map<string, CalendarDate>();

/**
 * A calendar date `months` after a YYYY-MM-DD date (day clamped to the month's length). Memoised:
 * the generators ask for the same few thousand dates over and over (100,000 expiry dates at scale),
 * and date-fns with a time zone is far slower than a lookup.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const key = `${date}|${months}`;
  let result = monthsLater.get(key);
  if (result === undefined) {
    if (monthsLater.size >= 50_000) monthsLater.clear();
    monthsLater.set(key, (result = addCalendarMonths(date, months)));
  }
  return result;
}

/** Milliseconds of a calendar date as stored (noon UTC), for comparing YYYY-MM-DD with instants. */
export function dateMs(date: CalendarDate): number {
  return Date.parse(calendarDateToStored(date));
}

// ---------------- names ----------------

/** ASCII UPN part: å→a, ä→a, ö→o, é→e …, lower case, only a-z, 0-9, '.', '-'. */
export function foldAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
}

/** Allocates unique UPNs fornamn.efternamn@domain, adding 2, 3 … on collisions. */
export function upnAllocator(domain: string): (first: string, last: string) => string {
  const taken = new Set<string>();
  return (first, last) => {
    const base = `${foldAscii(first)}.${foldAscii(last)}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
    taken.add(candidate);
    return `${candidate}@${domain}`;
  };
}

export const FIRST_NAMES = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Kerstin',
  'Emma',
  'Ingrid',
  'Malin',
  'Linnea',
  'Sofia',
  'Elin',
  'Ida',
  'Hanna',
  'Johanna',
  'Camilla',
  'Annika',
  'Helena',
  'Ulrika',
  'Åsa',
  'Maja',
  'Frida',
  'Therese',
  'Birgitta',
  'Agneta',
  'Louise',
  'Jenny',
  'Petra',
  'Susanne',
  'Märta',
  'Britt',
  'Yasmin',
  'Amira',
  'Leila',
  'Fatima',
  'Nora',
  'Alva',
  'Ebba',
  'Tove',
  'Lars',
  'Erik',
  'Anders',
  'Johan',
  'Per',
  'Karl',
  'Mikael',
  'Peter',
  'Jan',
  'Magnus',
  'Fredrik',
  'Daniel',
  'Mattias',
  'Andreas',
  'Henrik',
  'Jonas',
  'Niklas',
  'Oskar',
  'Gustav',
  'Viktor',
  'Björn',
  'Göran',
  'Stefan',
  'Mats',
  'Ulf',
  'Håkan',
  'Bengt',
  'Olle',
  'Sven',
  'Tomas',
  'Ahmed',
  'Mohammed',
  'Ali',
  'Omar',
  'Hassan',
  'Emil',
  'Axel',
  'Linus',
  'Jesper',
  'Rasmus',
] as const;

export const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Lundin',
  'Håkansson',
  'Björk',
  'Bergman',
  'Gunnarsson',
  'Holm',
  'Wikström',
  'Samuelsson',
  'Isaksson',
  'Fransson',
  'Bergqvist',
  'Nyström',
  'Holmberg',
  'Arvidsson',
  'Löfgren',
  'Söderberg',
  'Nyberg',
  'Blomqvist',
  'Claesson',
  'Nordström',
  'Mårtensson',
  'Lundström',
  'Ek',
  'Åberg',
  'Hedlund',
  'Strand',
  'Sundberg',
  'Öberg',
  'Hassan',
  'Ali',
  'Mohammed',
  'Ahmadi',
  'Kovačević',
  'Virtanen',
  'Nieminen',
  'Dahl',
  'Falk',
  'Sundqvist',
  'Ström',
] as const;
