import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { formatCell, termCharts, yearlyCharts, type TermReport, type YearlyReport } from '../../../domain/reports/index.js';
import { BarChart } from './BarChart.js';

const useStyles = makeStyles({
  dashboards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  select: { minWidth: '14rem' },
  note: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '48rem' },
});

/**
 * Dashboards over the yearly report's JSON (never a second computation): the charts of
 * src/domain/reports/charts.ts — the ones the .docx shows as images — with a note each. The
 * förvaltning filter narrows what the report has per förvaltning (the register, training, system
 * costs); incidents and deadlines are the municipality's.
 */
export function ReportDashboards({ report }: { report: YearlyReport }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [department, setDepartment] = useState('');
  const departmentId = useId();
  const { incidents, status, budget } = report.sections;
  const departments = [
    ...new Set([...status.byDepartment.map((d) => d.department), ...budget.systemCostsByDepartment.map((d) => d.department)]),
  ].sort((a, b) => a.localeCompare(b, 'sv'));
  const dept = department && departments.includes(department) ? department : '';
  const deptStatus = status.byDepartment.find((d) => d.department === dept);
  const deptCosts = budget.systemCostsByDepartment.find((d) => d.department === dept);
  const legal = incidents.legal;
  const { handlingsplan: plan, handling, training } = status;
  const charts = yearlyCharts(report, t, { department: dept, locale: i18n.language });
  const notes: Record<string, ReactNode> = {
    'incidents-by-month': t('reports.dash.wholeMunicipality', { total: formatCell(incidents.total, 'int') }),
    'legal-deadlines':
      legal.deadlinesMetShare === null
        ? t('reports.dash.legalNone')
        : t('reports.dash.legalShare', { share: formatCell(legal.deadlinesMetShare, 'pct') }),
    'register-health': deptStatus
      ? t('reports.dash.openItems', { count: deptStatus.openPlanItems })
      : t('reports.dash.asOf', { date: status.asOf }),
    handlingsplan: t('reports.dash.plan.note', {
      open: formatCell(plan.open, 'int'),
      systems: formatCell(plan.systemsWithOpenItems, 'int'),
      triage: formatCell(handling.medianHoursToTriage, 'dec'),
      close: formatCell(handling.medianDaysToClose, 'dec'),
    }),
    training:
      training.available && training.target !== null
        ? t('reports.dash.trainingTarget', { target: formatCell(training.target, 'pct') })
        : null,
    costs: deptCosts
      ? t('reports.dash.costsDepartmentNote')
      : budget.budgetTotal.budget === null
        ? t('reports.dash.noBudget', { year: report.year })
        : null,
  };

  return (
    <div className={styles.dashboards} data-testid="report-dashboards">
      <div className={styles.filters}>
        <Field label={t('reports.dash.department')}>
          <Select
            id={departmentId}
            className={styles.select}
            value={dept}
            onChange={(_, d) => setDepartment(d.value)}
            data-testid="report-department"
          >
            <option value="">{t('reports.dash.allDepartments')}</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p className={styles.note}>{t('reports.dash.intro', { year: report.year })}</p>
      {charts.map((chart) => (
        <BarChart key={chart.id} chart={chart} note={notes[chart.id]} />
      ))}
    </div>
  );
}

/** The end-of-term report's dashboards: incidents per year and costs per year against budget. */
export function TermDashboards({ report }: { report: TermReport }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const notes: Record<string, ReactNode> = {
    'term-incidents': t('reports.dash.termWhole', { total: formatCell(report.sections.incidents.total, 'int') }),
    'term-costs': t('reports.dash.termCostsNote'),
  };
  return (
    <div className={styles.dashboards} data-testid="report-dashboards">
      <p className={styles.note}>{t('reports.dash.termIntro', { from: report.from, to: report.to })}</p>
      {termCharts(report, t).map((chart) => (
        <BarChart key={chart.id} chart={chart} note={notes[chart.id]} />
      ))}
    </div>
  );
}
