import { REASONS, SUB_SUPPLIERS, SYSTEMS, type SystemDef } from '../catalog.js';
import { addMonths, foldAscii } from '../common.js';
import type { DemoContext, SystemDraft } from './context.js';
import { SITE } from './identity.js';
import type { Cast } from './people.js';

/** The systems the system-owner persona owns. */
const OWNER_PERSONA_SYSTEMS = new Set([
  'Trygghetslarm',
  'Digitala lås för hemtjänsten',
  'Planering och tidsregistrering hemtjänst',
  'Bemanning och schemaläggning',
]);

/** Shared infrastructure, in the order it must come back after a total outage. */
const INFRASTRUCTURE = [
  'Nätverk och brandvägg',
  'Virtualiseringsplattform',
  'Identitetshantering och katalogtjänst',
  'Säkerhetskopiering',
  'Lokal filserver',
  'Telefoni och växel',
  'E-post och samarbete (Microsoft 365)',
  'Logg- och säkerhetsövervakning',
] as const;

/** Dependencies between business systems (beyond the infrastructure everything needs). */
const DEPENDS_ON: Record<string, readonly string[]> = {
  'Identitetshantering och katalogtjänst': ['Nätverk och brandvägg', 'Virtualiseringsplattform'],
  Virtualiseringsplattform: ['Nätverk och brandvägg'],
  Säkerhetskopiering: ['Nätverk och brandvägg', 'Virtualiseringsplattform'],
  'Lokal filserver': ['Virtualiseringsplattform', 'Identitetshantering och katalogtjänst'],
  'Telefoni och växel': ['Nätverk och brandvägg'],
  'E-post och samarbete (Microsoft 365)': ['Nätverk och brandvägg', 'Identitetshantering och katalogtjänst'],
  'Logg- och säkerhetsövervakning': ['Nätverk och brandvägg', 'Virtualiseringsplattform'],
  Lönesystem: ['HR-system'],
  Fakturahanteringssystem: ['Ekonomisystem'],
  'E-ansökan försörjningsstöd': ['E-tjänsteplattform', 'Verksamhetssystem för individ- och familjeomsorg'],
  Trygghetslarm: ['Telefoni och växel'],
  'Digitala lås för hemtjänsten': ['Planering och tidsregistrering hemtjänst'],
  'Närvaro- och frånvaroanmälan': ['Elevregister och skoladministration'],
  Lärplattform: ['Elevregister och skoladministration'],
};

/** The catalogue's systems, complete: owners, contracts, costs, classification, continuity, restore priority, dependencies. */
export function generateSystems(ctx: DemoContext, cast: Cast): SystemDraft[] {
  const contractNumbers = new Set<string>();
  const systems = SYSTEMS.map((def) => buildSystem(ctx, cast, def, contractNumbers));
  const titles = new Set(systems.map((s) => s.title));
  const infrastructure = new Set<string>(INFRASTRUCTURE.filter((t) => titles.has(t)));
  for (const s of systems) {
    if (s.lifecycleStatus === 'avvecklad') continue;
    s.systemType = infrastructure.has(s.title) ? 'gemensam infrastruktur' : 'verksamhetssystem';
    // Every business system needs the network and sign-in; those in own operation the platform too.
    const base = infrastructure.has(s.title)
      ? []
      : [
          'Nätverk och brandvägg',
          'Identitetshantering och katalogtjänst',
          ...(s.hosting === 'egen drift' ? ['Virtualiseringsplattform'] : []),
        ];
    const deps = [...new Set([...base, ...(DEPENDS_ON[s.title] ?? [])])].filter((t) => titles.has(t) && t !== s.title);
    if (deps.length > 0) (s as { dependsOn?: unknown }).dependsOn = deps;
  }
  // Restore priority: infrastructure first in its own order (what everything depends on), then
  // samhällsviktig, verksamhetskritisk and the rest by availability level — a system never before
  // what it depends on.
  const infraRank = (s: SystemDraft) => {
    const i = (INFRASTRUCTURE as readonly string[]).indexOf(s.title);
    return i === -1 ? INFRASTRUCTURE.length : i;
  };
  const critRank = (s: SystemDraft) => (s.societallyCritical ? 0 : s.criticality === 'verksamhetskritisk' ? 1 : 2);
  const running = systems.filter((s) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling');
  const ordered = [...running].sort(
    (a, b) => infraRank(a) - infraRank(b) || critRank(a) - critRank(b) || (b.availability ?? 0) - (a.availability ?? 0),
  );
  // Pull each system's dependencies ahead of it (the catalogue's own order otherwise holds).
  const placed: SystemDraft[] = [];
  const byTitle = new Map(ordered.map((s) => [s.title, s]));
  const place = (s: SystemDraft, path: Set<string>) => {
    if (placed.includes(s) || path.has(s.title)) return;
    path.add(s.title);
    for (const d of ((s as { dependsOn?: string[] }).dependsOn ?? []).map((t) => byTitle.get(t))) if (d) place(d, path);
    placed.push(s);
  };
  for (const s of ordered) place(s, new Set());
  placed.forEach((s, i) => (s.restorePriority = i + 1));
  return systems;
}

function buildSystem(
  { rng, today, daysAgo }: DemoContext,
  { ownerPersona, byTag, managerOf, itTechs }: Cast,
  def: SystemDef,
  contractNumbers: Set<string>,
): SystemDraft {
  const lifecycle = def.lifecycle ?? 'i drift';
  const chiefs = byTag(def.dept, 'manager', 'chief');
  const owner = OWNER_PERSONA_SYSTEMS.has(def.title)
    ? ownerPersona
    : def.dept === 'IT'
      ? rng.pick(byTag('IT', 'manager', 'chief'))
      : rng.pick(chiefs);
  const admins = byTag(def.dept, 'admin');
  const admin = admins.length > 0 ? rng.pick(admins) : rng.pick(byTag('IT', 'admin'));
  const tech = rng.pick(itTechs);
  const base: SystemDraft = {
    title: def.title,
    description: def.description,
    department: def.dept,
    lifecycleStatus: lifecycle,
    systemOwner: owner.upn,
    systemAdministrator: admin.upn,
    informationOwner: def.dept === 'IT' ? owner.upn : managerOf(def.dept).upn,
    technicalContact: tech.upn,
    supplier: def.supplier,
    hosting: def.hosting,
    personalData: def.pd > 0,
    sensitivePersonalData: def.pd === 2,
    criticality: def.criticality === 'samhällsviktig' ? 'verksamhetskritisk' : def.criticality,
    societallyCritical: def.criticality === 'samhällsviktig',
    ...(def.criticality === 'samhällsviktig'
      ? { societallyCriticalReason: 'Ett avbrott kan inom timmar få allvarliga följder för liv, hälsa eller samhällets funktionalitet.' }
      : {}),
    administrators: [admin.upn],
  };
  if (def.hosting !== 'egen drift' || rng.chance(0.3)) {
    const subs = rng.shuffle([...SUB_SUPPLIERS]).slice(0, rng.int(1, 3));
    base.subSuppliers = subs.join('\n');
  }
  if (lifecycle === 'planerad') {
    return { ...base, description: `${def.description} Planerad driftstart ${addMonths(today, 6)}.` };
  }
  if (lifecycle === 'avvecklad') {
    return {
      ...base,
      decommissionPlan: `Avvecklad ${daysAgo(200)}. Data exporterad till e-arkivet, konton borttagna och avtalet uppsagt.`,
      lastReviewDate: daysAgo(200),
      lastReviewedBy: owner.upn,
    };
  }
  let contractNo: string;
  do contractNo = `AVT-${rng.int(2016, 2025)}-${String(rng.int(1, 240)).padStart(3, '0')}`;
  while (contractNumbers.has(contractNo));
  contractNumbers.add(contractNo);
  const big = def.criticality === 'samhällsviktig' ? 4 : def.criticality === 'verksamhetskritisk' ? 2.5 : 1;
  const krts = def.krts;
  const critical = def.criticality !== 'övrig';
  const system: SystemDraft = {
    ...base,
    contractReference: contractNo,
    contractEndDate: daysAgo(-rng.int(120, 1400)),
    contractNoticeMonths: rng.pick([3, 6, 6, 9, 12]),
    contractSecurityRequirements: 'ja',
    costLicences: Math.round((rng.int(15, 250) * big) / 1) * 1000,
    costOperation: (def.hosting === 'egen drift' ? rng.int(60, 400) : rng.int(5, 80)) * 1000 * (big > 1 ? 2 : 1),
    costOther: rng.chance(0.4) ? rng.int(5, 60) * 1000 : 0,
    confidentiality: krts[0],
    confidentialityReason: REASONS.confidentiality[krts[0] - 1],
    integrity: krts[1],
    integrityReason: REASONS.integrity[krts[1] - 1],
    availability: krts[2],
    availabilityReason: REASONS.availability[krts[2] - 1],
    traceability: krts[3],
    traceabilityReason: REASONS.traceability[krts[3] - 1],
    classificationDate: daysAgo(rng.int(30, 900)),
    classifiedBy: admin.upn,
    klassaReference: `KLASSA-${rng.int(2022, 2025)}-${String(rng.int(1, 180)).padStart(3, '0')}`,
    acceptedDowntimeHours:
      def.criticality === 'samhällsviktig'
        ? rng.pick([1, 2, 4])
        : def.criticality === 'verksamhetskritisk'
          ? rng.pick([8, 24, 48])
          : rng.pick([72, 120, 168]),
    acceptableDataLossHours:
      def.criticality === 'samhällsviktig'
        ? rng.pick([0.5, 1, 4])
        : def.criticality === 'verksamhetskritisk'
          ? rng.pick([4, 8, 24])
          : rng.pick([24, 48]),
    lastReviewDate: daysAgo(rng.int(10, 330)),
    lastReviewedBy: owner.upn,
  };
  if (critical || rng.chance(0.4)) {
    system.continuityPlanUrl = `${SITE}/Kontinuitetsplaner/${foldAscii(def.title)}.docx`;
    system.continuityPlanTestedDate = daysAgo(rng.int(15, 330));
  }
  if (critical) {
    system.securityPlanUrl = `${SITE}/Systemsakerhetsplaner/${foldAscii(def.title)}.docx`;
    // Derived without drawing from the generator, so every other value of the demo stays as it was:
    // the restore objective inside the accepted downtime, the risk analysis with the classification,
    // the last restore test with the continuity test.
    system.restoreTimeObjectiveHours = Math.max(0.5, Math.round((system.acceptedDowntimeHours ?? 24) * 0.75 * 2) / 2);
    system.riskAnalysisDate = system.classificationDate ?? null;
    if (system.continuityPlanTestedDate) system.lastRestoreTestDate = system.continuityPlanTestedDate;
  }
  if (lifecycle === 'under avveckling') {
    system.decommissionPlan = `Data flyttas och systemet stängs senast ${daysAgo(-rng.int(60, 200))}. Avtalet sägs upp i tid enligt uppsägningstiden; historik exporteras till e-arkivet.`;
  }
  return system;
}

/** UPNs of the owners and administrators of systems that are not decommissioned. */
export function ownersAndAdminsOf(systems: readonly SystemDraft[]): Set<string> {
  const ownersAndAdmins = new Set<string>();
  for (const s of systems) {
    if (s.lifecycleStatus === 'avvecklad') continue;
    if (s.systemOwner) ownersAndAdmins.add(s.systemOwner);
    if (s.systemAdministrator) ownersAndAdmins.add(s.systemAdministrator);
  }
  return ownersAndAdmins;
}
