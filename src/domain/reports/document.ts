/**
 * A report as a document: headings, summary sentences and tables, in the order the board reads
 * them. Every export (.docx, .xlsx) and the tab's preview render this one model, so a figure is
 * written in one place and the documents can be checked against the JSON: each table cell is a
 * figure of the report, formatted by `formatCell`.
 */
import { BUDGET_LABELS, YEARLY_TITLE } from './yearly.js';
import type { TermReport, YearlyReport } from './types.js';

export type Cell = string | number | null;
export type CellFormat = 'text' | 'int' | 'dec' | 'sek' | 'pct';

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  formats: CellFormat[];
  rows: Cell[][];
  /** A bar chart of this column (by the first column's labels) fits the table. */
  chart?: { valueColumn: number };
}

export interface DocSection {
  key: string;
  heading: string;
  /** The text typed before export (already redacted), then the computed summary sentences. */
  text: string | null;
  paragraphs: string[];
  tables: ReportTable[];
}

export interface ReportDocument {
  kind: 'yearly' | 'term';
  title: string;
  municipality: string;
  period: string;
  generatedAt: string;
  sections: DocSection[];
}

const nf = (decimals: number) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const int = nf(0);
const dec = nf(1);

/** How a figure is written in the documents (Swedish: "12 000 kr", "83,3 %", "–" for none). */
export function formatCell(value: Cell, format: CellFormat): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'int':
      return int.format(value);
    case 'dec':
      return dec.format(value);
    case 'sek':
      return `${int.format(value)} kr`;
    case 'pct':
      return `${dec.format(value * 100)} %`;
    default:
      return String(value);
  }
}

const yesNo = (b: boolean) => (b ? 'ja' : 'nej');

function table(id: string, title: string, columns: [string, CellFormat][], rows: Cell[][], chart?: number): ReportTable {
  return {
    id,
    title,
    columns: columns.map((c) => c[0]),
    formats: columns.map((c) => c[1]),
    rows,
    ...(chart !== undefined ? { chart: { valueColumn: chart } } : {}),
  };
}

const pct = (v: number | null) => formatCell(v, 'pct');

export function yearlyDocument(r: YearlyReport): ReportDocument {
  const { actions, incidents, status, budget } = r.sections;
  const reg = status.register;
  return {
    kind: 'yearly',
    title: YEARLY_TITLE,
    municipality: r.municipality,
    period: String(r.year),
    generatedAt: r.generatedAt,
    sections: [
      {
        key: 'actions',
        heading: actions.heading,
        text: actions.text,
        paragraphs: [
          `Under ${r.year} registrerades ${formatCell(actions.total.count, 'int')} genomförda åtgärder med sammanlagt ${formatCell(actions.total.hours, 'dec')} timmar och ${formatCell(actions.total.cost, 'sek')} i kostnader.`,
          actions.requirementsAddressed.length
            ? `Åtgärderna berörde ${actions.requirementsAddressed.length} krav i kravkatalogen och ${actions.risksAddressed.length} risker ur risk- och sårbarhetsanalyserna.`
            : 'Inga åtgärder kopplades till krav i kravkatalogen under året.',
        ],
        tables: [
          table(
            'actions-by-kind',
            'Åtgärder per slag',
            [
              ['Slag', 'text'],
              ['Antal', 'int'],
              ['Timmar', 'dec'],
              ['Kostnad', 'sek'],
            ],
            [
              ...actions.byKind.map((k) => [k.kind, k.count, k.hours, k.cost]),
              ['Totalt', actions.total.count, actions.total.hours, actions.total.cost],
            ],
            1,
          ),
          table(
            'actions-by-department',
            'Åtgärder per förvaltning',
            [
              ['Förvaltning', 'text'],
              ['Antal', 'int'],
            ],
            actions.byDepartment.map((d) => [d.key, d.count]),
          ),
          table(
            'measures',
            'Åtgärder och tester med vad de påverkat',
            [
              ['Datum', 'text'],
              ['Slag', 'text'],
              ['Åtgärd', 'text'],
              ['System', 'text'],
              ['Krav', 'text'],
              ['Risk', 'text'],
              ['Incident', 'text'],
              ['Kostnad', 'sek'],
            ],
            actions.measures.map((m) => [m.date, m.kind, m.title, m.system, m.requirements.join(', ') || null, m.risk, m.incident, m.cost]),
          ),
          table(
            'requirements-addressed',
            'Krav som berörts',
            [
              ['Kravkod', 'text'],
              ['Krav', 'text'],
              ['Åtgärder', 'int'],
            ],
            actions.requirementsAddressed.map((q) => [q.code, q.title, q.count]),
          ),
          table(
            'risks-addressed',
            'Risker som påverkats',
            [
              ['Risk', 'text'],
              ['Åtgärder', 'int'],
            ],
            actions.risksAddressed.map((q) => [q.key, q.count]),
          ),
        ],
      },
      {
        key: 'incidents',
        heading: incidents.heading,
        text: incidents.text,
        paragraphs: [
          `Under ${r.year} rapporterades ${formatCell(incidents.total, 'int')} händelser, incidenter och brister, varav ${formatCell(incidents.significant.length, 'int')} allvarliga (kritisk allvarlighetsgrad, betydande enligt NIS2 eller rapporterade till myndighet).`,
          incidents.legal.total.required
            ? `${formatCell(incidents.legal.total.required, 'int')} lagstadgade rapporter till myndigheter krävdes; ${formatCell(incidents.legal.total.sentInTime, 'int')} skickades i tid och ${formatCell(incidents.legal.total.sentLate, 'int')} för sent (${pct(incidents.legal.deadlinesMetShare)} i tid).`
            : 'Inga lagstadgade rapporter till myndigheter krävdes under året.',
          'Sammanfattningen innehåller inga personuppgifter och inga detaljer ur incidenternas beskrivningar; underlaget finns i incidentregistret för särskild granskning.',
        ],
        tables: [
          table(
            'incidents-by-month',
            'Per månad',
            [
              ['Månad', 'text'],
              ['Antal', 'int'],
            ],
            incidents.byMonth.map((c) => [c.key, c.count]),
            1,
          ),
          table(
            'incidents-by-type',
            'Per typ',
            [
              ['Typ', 'text'],
              ['Antal', 'int'],
            ],
            incidents.byType.map((c) => [c.key, c.count]),
            1,
          ),
          table(
            'incidents-by-category',
            'Per kategori (CERT-SE)',
            [
              ['Kategori', 'text'],
              ['Antal', 'int'],
            ],
            incidents.byCategory.map((c) => [c.key, c.count]),
            1,
          ),
          table(
            'incidents-by-severity',
            'Per allvarlighetsgrad',
            [
              ['Allvarlighetsgrad', 'text'],
              ['Antal', 'int'],
            ],
            incidents.bySeverity.map((c) => [c.key, c.count]),
          ),
          table(
            'significant-incidents',
            'Allvarliga incidenter',
            [
              ['Referens', 'text'],
              ['Månad', 'text'],
              ['Kategori', 'text'],
              ['Allvarlighetsgrad', 'text'],
              ['Orsak', 'text'],
              ['Omfattning', 'text'],
              ['Dagar till avslut', 'dec'],
              ['Grundorsak utredd', 'text'],
              ['Lärdomar', 'text'],
              ['Åtgärder mot upprepning', 'text'],
            ],
            incidents.significant.map((s) => [
              s.reference,
              s.month,
              s.category,
              s.severity,
              s.cause,
              s.scope,
              s.daysToClose,
              yesNo(s.rootCauseDocumented),
              yesNo(s.lessonsDocumented),
              s.measures.join('; ') || null,
            ]),
          ),
          table(
            'legal-reports',
            'Rapporter till myndigheter och frister',
            [
              ['Rapport', 'text'],
              ['Krävdes', 'int'],
              ['I tid', 'int'],
              ['För sent', 'int'],
              ['Försenad, ej skickad', 'int'],
              ['Frist löper', 'int'],
              ['Ej rapporteringspliktig', 'int'],
            ],
            [...incidents.legal.byRegime, { ...incidents.legal.total, regime: 'Totalt' }].map((x) => [
              x.regime,
              x.required,
              x.sentInTime,
              x.sentLate,
              x.overdue,
              x.pending,
              x.waived,
            ]),
          ),
        ],
      },
      {
        key: 'status',
        heading: status.heading,
        text: status.text,
        paragraphs: [
          `Systemförteckningen mätt ${status.asOf}: ${formatCell(reg.systems, 'int')} system i drift, ${pct(reg.classifiedShare)} informationsklassade och ${pct(reg.reviewedShare)} genomgångna i tid.`,
          `Av ${formatCell(reg.critical, 'int')} kritiska system har ${formatCell(reg.criticalComplete, 'int')} både accepterad avbrottstid, återställningsprioritet och en kontinuitetsplan som testats inom intervallet.`,
          status.training.available
            ? `${pct(status.training.total.share)} av medarbetarna har giltig obligatorisk säkerhetsutbildning${status.training.target !== null ? ` (mål ${pct(status.training.target)})` : ''}.`
            : status.training.note,
        ],
        tables: [
          table(
            'register-health',
            'Systemförteckningen',
            [
              ['Mått', 'text'],
              ['Antal', 'int'],
              ['Av', 'int'],
              ['Andel', 'pct'],
            ],
            [
              ['Informationsklassade', reg.classified, reg.systems, reg.classifiedShare],
              ['Klassning inom giltighetstiden', reg.classificationCurrent, reg.systems, share(reg.classificationCurrent, reg.systems)],
              ['Årlig genomgång i tid', reg.reviewedInTime, reg.systems, reg.reviewedShare],
              [
                'Kritiska med accepterad avbrottstid',
                reg.criticalWithDowntime,
                reg.critical,
                share(reg.criticalWithDowntime, reg.critical),
              ],
              [
                'Kritiska med återställningsprioritet',
                reg.criticalWithRestorePriority,
                reg.critical,
                share(reg.criticalWithRestorePriority, reg.critical),
              ],
              [
                'Kritiska med testad kontinuitetsplan',
                reg.criticalWithTestedPlan,
                reg.critical,
                share(reg.criticalWithTestedPlan, reg.critical),
              ],
              [
                'Kritiska med avbrottstid, återställningsprioritet och testad plan',
                reg.criticalComplete,
                reg.critical,
                share(reg.criticalComplete, reg.critical),
              ],
              [
                'Kritiska med återläsningstest i tid',
                reg.criticalRestoreTested,
                reg.critical,
                share(reg.criticalRestoreTested, reg.critical),
              ],
              ['Avtal med säkerhetskrav', reg.contractsWithSecurityRequirements, reg.withContract, reg.contractsShare],
              [
                'Kritiska systems avtal med säkerhetskrav',
                reg.criticalContractsWithSecurityRequirements,
                reg.criticalContracts,
                share(reg.criticalContractsWithSecurityRequirements, reg.criticalContracts),
              ],
            ],
            3,
          ),
          table(
            'status-by-department',
            'Per förvaltning',
            [
              ['Förvaltning', 'text'],
              ['System', 'int'],
              ['Klassade', 'int'],
              ['Genomgångna i tid', 'int'],
              ['Öppna punkter i handlingsplanen', 'int'],
            ],
            status.byDepartment.map((d) => [d.department, d.systems, d.classified, d.reviewedInTime, d.openPlanItems]),
          ),
          table(
            'handlingsplan',
            'Handlingsplanen (säkerhetskrav)',
            [
              ['Bedömning', 'text'],
              ['Antal', 'int'],
            ],
            [
              ['Krav som gäller', status.handlingsplan.applicable],
              ['Uppfyllt', status.handlingsplan.met],
              ['Ej tillämpligt', status.handlingsplan.notApplicable],
              ['Delvis', status.handlingsplan.partly],
              ['Ej uppfyllt', status.handlingsplan.notMet],
              ['Ej bedömt', status.handlingsplan.notAssessed],
              ['Öppna punkter', status.handlingsplan.open],
              ['System med öppna punkter', status.handlingsplan.systemsWithOpenItems],
            ],
          ),
          table(
            'incident-handling',
            'Incidenthantering',
            [
              ['Mått', 'text'],
              ['Värde', 'dec'],
            ],
            [
              ['Rapporterade', status.handling.incidents],
              ['Bedömda (status ändrad)', status.handling.triaged],
              ['Median tid till bedömning (timmar)', status.handling.medianHoursToTriage],
              ['Avslutade', status.handling.closed],
              ['Median tid till avslut (dagar)', status.handling.medianDaysToClose],
              ['Medel tid till avslut (dagar)', status.handling.meanDaysToClose],
              ['Öppna vid periodens slut', status.handling.openAtEnd],
            ],
          ),
          status.training.available
            ? table(
                'training',
                'Utbildning per förvaltning',
                [
                  ['Förvaltning', 'text'],
                  ['Medarbetare', 'int'],
                  ['Utbildade', 'int'],
                  ['Andel', 'pct'],
                ],
                [...status.training.rows, status.training.total].map((t) => [t.department, t.staff, t.compliant, t.share]),
                3,
              )
            : table('training', 'Utbildning per förvaltning', [['Status', 'text']], [['underlag saknas']]),
        ],
      },
      {
        key: 'budget',
        heading: budget.heading,
        text: budget.text,
        paragraphs: [
          `Systemens årliga kostnader enligt systemförteckningen: ${formatCell(budget.systemCosts.total, 'sek')}. Incidenthanteringen krävde ${formatCell(budget.incidents.effortHours, 'dec')} timmar och ${formatCell(budget.incidents.cost, 'sek')}; åtgärderna ${formatCell(budget.measures.hours, 'dec')} timmar och ${formatCell(budget.measures.cost, 'sek')}.`,
          budget.unbudgeted.items.length
            ? `Ej budgeterade kostnader: ${formatCell(budget.unbudgeted.total, 'sek')} (${budget.unbudgeted.items.length} åtgärder).`
            : 'Inga åtgärder har markerats som ej budgeterade.',
          'Systemkostnaderna är förteckningens nuvarande årskostnader; förteckningen sparar inte tidigare års belopp.',
        ],
        tables: [
          table(
            'budget-vs-actual',
            'Budget mot utfall',
            [
              ['Kategori', 'text'],
              ['Budget', 'sek'],
              ['Utfall', 'sek'],
              ['Avvikelse', 'sek'],
            ],
            [
              ...budget.budget.map((b) => [BUDGET_LABELS[b.category], b.budget, b.actual, b.difference]),
              ['Totalt', budget.budgetTotal.budget, budget.budgetTotal.actual, budget.budgetTotal.difference],
            ],
            2,
          ),
          table(
            'system-costs-by-department',
            'Systemkostnader per förvaltning',
            [
              ['Förvaltning', 'text'],
              ['Licenser', 'sek'],
              ['Drift', 'sek'],
              ['Övrigt', 'sek'],
              ['Totalt', 'sek'],
            ],
            [
              ...budget.systemCostsByDepartment.map((d) => [d.department, d.licences, d.operation, d.other, d.total]),
              ['Totalt', budget.systemCosts.licences, budget.systemCosts.operation, budget.systemCosts.other, budget.systemCosts.total],
            ],
          ),
          table(
            'effort',
            'Arbetstid och kostnader',
            [
              ['Område', 'text'],
              ['Antal', 'int'],
              ['Timmar', 'dec'],
              ['Kostnad', 'sek'],
            ],
            [
              ['Incidenthantering', budget.incidents.count, budget.incidents.effortHours, budget.incidents.cost],
              ['Åtgärder', budget.measures.count, budget.measures.hours, budget.measures.cost],
            ],
          ),
          table(
            'unbudgeted',
            'Ej budgeterade kostnader',
            [
              ['Datum', 'text'],
              ['Slag', 'text'],
              ['Åtgärd', 'text'],
              ['Kostnad', 'sek'],
            ],
            [...budget.unbudgeted.items.map((u) => [u.date, u.kind, u.title, u.cost]), ['Totalt', null, null, budget.unbudgeted.total]],
          ),
        ],
      },
    ],
  };
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

export function termDocument(r: TermReport): ReportDocument {
  const { work, risks, incidents, conclusions, budget } = r.sections;
  const kinds = work.perYear[0]?.byKind.map((k) => k.kind) ?? [];
  return {
    kind: 'term',
    title: r.title,
    municipality: r.municipality,
    period: `${r.from}–${r.to}`,
    generatedAt: r.generatedAt,
    sections: [
      {
        key: 'work',
        heading: work.heading,
        text: work.text,
        paragraphs: [
          `Under ${r.from}–${r.to} registrerades ${formatCell(
            work.perYear.reduce((a, y) => a + y.total.count, 0),
            'int',
          )} genomförda åtgärder.`,
        ],
        tables: [
          table(
            'work-per-year',
            'Genomförda åtgärder per år',
            [
              ['År', 'text'],
              ...kinds.map((k): [string, CellFormat] => [k, 'int']),
              ['Totalt', 'int'],
              ['Timmar', 'dec'],
              ['Kostnad', 'sek'],
            ],
            work.perYear.map((y) => [String(y.year), ...y.byKind.map((k) => k.count), y.total.count, y.total.hours, y.total.cost]),
          ),
        ],
      },
      {
        key: 'risks',
        heading: risks.heading,
        text: risks.text,
        paragraphs: [
          `${risks.risks.length} risker och ${risks.requirements.length} krav berördes av åtgärder under perioden. I handlingsplanen återstår ${formatCell(risks.handlingsplanNow.open, 'int')} öppna punkter.`,
        ],
        tables: [
          table(
            'term-risks',
            'Risker som hanterats',
            [
              ['Risk', 'text'],
              ['Åtgärder', 'int'],
              ['År', 'text'],
            ],
            risks.risks.map((x) => [x.risk, x.measures, x.years.join(', ')]),
          ),
          table(
            'term-requirements',
            'Krav som berörts',
            [
              ['Kravkod', 'text'],
              ['Krav', 'text'],
              ['Åtgärder', 'int'],
            ],
            risks.requirements.map((x) => [x.code, x.title, x.count]),
          ),
        ],
      },
      {
        key: 'incidents',
        heading: incidents.heading,
        text: incidents.text,
        paragraphs: [`Under perioden rapporterades ${formatCell(incidents.total, 'int')} händelser, incidenter och brister.`],
        tables: [
          table(
            'incidents-per-year',
            'Per år',
            [
              ['År', 'text'],
              ['Totalt', 'int'],
              ['Allvarliga', 'int'],
              ...(incidents.perYear[0]?.byType ?? []).map((t): [string, CellFormat] => [t.key, 'int']),
            ],
            incidents.perYear.map((y) => [String(y.year), y.total, y.significant, ...y.byType.map((t) => t.count)]),
            1,
          ),
        ],
      },
      {
        key: 'conclusions',
        heading: conclusions.heading,
        text: conclusions.text,
        paragraphs: ['Nyckeltalen per år visar hur arbetet enligt riktlinjerna har utvecklats.'],
        tables: [
          table(
            'conclusions-per-year',
            'Nyckeltal per år',
            [
              ['År', 'text'],
              ['Lagstadgade rapporter i tid', 'pct'],
              ['Median dagar till avslut', 'dec'],
              ['Åtgärder', 'int'],
              ['Årliga genomgångar', 'int'],
              ['Kontinuitetstester', 'int'],
            ],
            conclusions.perYear.map((y) => [
              String(y.year),
              y.deadlinesMetShare,
              y.medianDaysToClose,
              y.measures,
              y.reviews,
              y.continuityTests,
            ]),
          ),
        ],
      },
      {
        key: 'budget',
        heading: budget.heading,
        text: budget.text,
        paragraphs: [
          `Systemens årliga kostnader enligt förteckningen i dag: ${formatCell(budget.systemCostsNow.total, 'sek')} (förteckningen sparar inte tidigare års belopp).`,
        ],
        tables: [
          table(
            'budget-per-year',
            'Kostnader per år',
            [
              ['År', 'text'],
              ['Incidenthantering', 'sek'],
              ['Åtgärder', 'sek'],
              ['Ej budgeterat', 'sek'],
              ['Budget', 'sek'],
              ['Utfall', 'sek'],
            ],
            budget.perYear.map((y) => [String(y.year), y.incidentCost, y.measuresCost, y.unbudgeted, y.budget, y.actual]),
          ),
        ],
      },
    ],
  };
}
