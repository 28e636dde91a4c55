import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { BUDGET_LABELS, formatCell, type YearlyReport } from '../../../domain/reports/index.js';
import { BarChart } from './BarChart.js';

const useStyles = makeStyles({
  dashboards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  select: { minWidth: '14rem' },
  note: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '48rem' },
});

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * Dashboards over the yearly report's JSON (never a second computation): incidents per month and
 * category, legal deadlines, register health and costs against budget. The förvaltning filter
 * narrows what the report has per förvaltning (the register, system costs); incidents and
 * deadlines are the municipality's.
 */
export function ReportDashboards({ report }: { report: YearlyReport }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [department, setDepartment] = useState('');
  const departmentId = useId();
  const { incidents, status, budget } = report.sections;
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
  const monthLabel = (key: string) => {
    const [y, m] = key.split('-').map(Number);
    return y && m ? month.format(new Date(Date.UTC(y, m - 1, 1))) : key;
  };
  const departments = [
    ...new Set([...status.byDepartment.map((d) => d.department), ...budget.systemCostsByDepartment.map((d) => d.department)]),
  ].sort((a, b) => a.localeCompare(b, 'sv'));
  const dept = department && departments.includes(department) ? department : '';
  const reg = status.register;
  const deptStatus = status.byDepartment.find((d) => d.department === dept);
  const deptCosts = budget.systemCostsByDepartment.find((d) => d.department === dept);
  const legal = incidents.legal;
  const { handlingsplan: plan, handling, training } = status;
  const trainingRows = training.available ? training.rows.filter((r) => !dept || r.department === dept) : [];
  const regimes = legal.byRegime;
  const lt = legal.total;

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

      <BarChart
        id="incidents-by-month"
        title={t('reports.dash.incidentsByMonth')}
        categoryHeader={t('reports.dash.col.month')}
        categories={incidents.byMonth.map((c) => monthLabel(c.key))}
        series={[{ label: t('reports.dash.col.count'), values: incidents.byMonth.map((c) => c.count), color: tokens.colorBrandBackground }]}
        format="int"
        note={t('reports.dash.wholeMunicipality', { total: formatCell(incidents.total, 'int') })}
      />
      <BarChart
        id="incidents-by-category"
        title={t('reports.dash.incidentsByCategory')}
        categoryHeader={t('reports.dash.col.category')}
        categories={incidents.byCategory.map((c) => c.key)}
        series={[
          { label: t('reports.dash.col.count'), values: incidents.byCategory.map((c) => c.count), color: tokens.colorBrandBackground },
        ]}
        format="int"
      />
      <BarChart
        id="legal-deadlines"
        title={t('reports.dash.legal')}
        categoryHeader={t('reports.dash.col.report')}
        categories={regimes.map((r) => r.regime)}
        series={[
          { label: t('reports.dash.col.inTime'), values: regimes.map((r) => r.sentInTime), color: tokens.colorPaletteGreenBackground3 },
          { label: t('reports.dash.col.late'), values: regimes.map((r) => r.sentLate), color: tokens.colorPaletteMarigoldBackground3 },
          { label: t('reports.dash.col.overdue'), values: regimes.map((r) => r.overdue), color: tokens.colorPaletteRedBackground3 },
          { label: t('reports.dash.col.pending'), values: regimes.map((r) => r.pending), color: tokens.colorNeutralForeground3 },
        ]}
        stacked
        format="int"
        extra={[{ header: t('reports.dash.col.required'), format: 'int', values: regimes.map((r) => r.required) }]}
        total={{ label: t('reports.dash.total'), values: [lt.sentInTime, lt.sentLate, lt.overdue, lt.pending, lt.required] }}
        note={
          legal.deadlinesMetShare === null
            ? t('reports.dash.legalNone')
            : t('reports.dash.legalShare', { share: formatCell(legal.deadlinesMetShare, 'pct') })
        }
      />
      {deptStatus ? (
        <BarChart
          id="register-health"
          title={t('reports.dash.registerFor', { department: dept })}
          categoryHeader={t('reports.dash.col.measure')}
          categories={[t('reports.dash.classified'), t('reports.dash.reviewed')]}
          series={[
            {
              label: t('reports.dash.col.share'),
              values: [share(deptStatus.classified, deptStatus.systems), share(deptStatus.reviewedInTime, deptStatus.systems)],
              color: tokens.colorBrandBackground,
            },
          ]}
          format="pct"
          max={1}
          extra={[
            { header: t('reports.dash.col.number'), format: 'int', values: [deptStatus.classified, deptStatus.reviewedInTime] },
            { header: t('reports.dash.col.of'), format: 'int', values: [deptStatus.systems, deptStatus.systems] },
          ]}
          note={t('reports.dash.openItems', { count: deptStatus.openPlanItems })}
        />
      ) : (
        <BarChart
          id="register-health"
          title={t('reports.dash.register')}
          categoryHeader={t('reports.dash.col.measure')}
          categories={[
            t('reports.dash.classified'),
            t('reports.dash.reviewed'),
            t('reports.dash.criticalComplete'),
            t('reports.dash.contracts'),
          ]}
          series={[
            {
              label: t('reports.dash.col.share'),
              values: [reg.classifiedShare, reg.reviewedShare, share(reg.criticalComplete, reg.critical), reg.contractsShare],
              color: tokens.colorBrandBackground,
            },
          ]}
          format="pct"
          max={1}
          extra={[
            {
              header: t('reports.dash.col.number'),
              format: 'int',
              values: [reg.classified, reg.reviewedInTime, reg.criticalComplete, reg.contractsWithSecurityRequirements],
            },
            { header: t('reports.dash.col.of'), format: 'int', values: [reg.systems, reg.systems, reg.critical, reg.withContract] },
          ]}
          note={t('reports.dash.asOf', { date: status.asOf })}
        />
      )}
      <BarChart
        id="handlingsplan"
        title={t('reports.dash.handlingsplan')}
        categoryHeader={t('reports.dash.col.status')}
        categories={[
          t('reports.dash.plan.met'),
          t('reports.dash.plan.partly'),
          t('reports.dash.plan.notMet'),
          t('reports.dash.plan.notAssessed'),
          t('reports.dash.plan.notApplicable'),
        ]}
        series={[
          {
            label: t('reports.dash.col.count'),
            values: [plan.met, plan.partly, plan.notMet, plan.notAssessed, plan.notApplicable],
            color: tokens.colorBrandBackground,
          },
        ]}
        format="int"
        total={{ label: t('reports.dash.plan.applicable'), values: [plan.applicable] }}
        note={t('reports.dash.plan.note', {
          open: formatCell(plan.open, 'int'),
          systems: formatCell(plan.systemsWithOpenItems, 'int'),
          triage: formatCell(handling.medianHoursToTriage, 'dec'),
          close: formatCell(handling.medianDaysToClose, 'dec'),
        })}
      />
      {training.available ? (
        <BarChart
          id="training"
          title={t('reports.dash.training')}
          categoryHeader={t('reports.dash.col.department')}
          categories={trainingRows.map((r) => r.department)}
          series={[{ label: t('reports.dash.col.share'), values: trainingRows.map((r) => r.share), color: tokens.colorBrandBackground }]}
          format="pct"
          max={1}
          extra={[
            { header: t('reports.dash.col.compliant'), format: 'int', values: trainingRows.map((r) => r.compliant) },
            { header: t('reports.dash.col.staff'), format: 'int', values: trainingRows.map((r) => r.staff) },
          ]}
          {...(dept
            ? {}
            : {
                total: { label: t('reports.dash.total'), values: [training.total.share, training.total.compliant, training.total.staff] },
              })}
          note={training.target !== null ? t('reports.dash.trainingTarget', { target: formatCell(training.target, 'pct') }) : undefined}
        />
      ) : null}
      {deptCosts ? (
        <BarChart
          id="costs"
          title={t('reports.dash.costsFor', { department: dept })}
          categoryHeader={t('reports.dash.col.category')}
          categories={[BUDGET_LABELS.licences, BUDGET_LABELS.operation, BUDGET_LABELS.other]}
          series={[
            {
              label: t('reports.dash.col.actual'),
              values: [deptCosts.licences, deptCosts.operation, deptCosts.other],
              color: tokens.colorBrandBackground,
            },
          ]}
          format="sek"
          total={{ label: t('reports.dash.total'), values: [deptCosts.total] }}
          note={t('reports.dash.costsDepartmentNote')}
        />
      ) : (
        <BarChart
          id="costs"
          title={t('reports.dash.costs')}
          categoryHeader={t('reports.dash.col.category')}
          categories={budget.budget.map((b) => BUDGET_LABELS[b.category])}
          series={[
            { label: t('reports.dash.col.actual'), values: budget.budget.map((b) => b.actual), color: tokens.colorBrandBackground },
            {
              label: t('reports.dash.col.budget'),
              values: budget.budget.map((b) => b.budget),
              color: tokens.colorPaletteMarigoldBackground3,
            },
          ]}
          format="sek"
          extra={[{ header: t('reports.dash.col.difference'), format: 'sek', values: budget.budget.map((b) => b.difference) }]}
          total={{
            label: t('reports.dash.total'),
            values: [budget.budgetTotal.actual, budget.budgetTotal.budget, budget.budgetTotal.difference],
          }}
          note={budget.budgetTotal.budget === null ? t('reports.dash.noBudget', { year: report.year }) : undefined}
        />
      )}
    </div>
  );
}
