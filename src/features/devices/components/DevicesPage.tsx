import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { leaverDecision } from '../../../domain/tasks/index.js';
import { stockholmDate } from '../../../domain/calendar.js';
import { listSpec } from '../../../shared/schema/index.js';
import { Empty, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { useDecideDevice, useTeamDevices, type Device, type PersonDevices } from '../api/team-devices.js';
import { InventorySection } from './InventorySection.js';

const useStyles = makeStyles({
  person: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  decision: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  select: { minWidth: '11rem' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATUSES: readonly string[] = (() => {
  const f = listSpec('devices').fields.find((x) => x.key === 'status');
  return f && f.type === 'choice' ? f.choices : [];
})();

/** What to suggest for a device: for someone leaving, the routine's decision; otherwise "kept". */
function suggested(p: PersonDevices, d: Device, today: string): string {
  const leaving = p.person.active === false || (p.person.endDate ?? '') !== '';
  if (!leaving) return 'i bruk';
  const decision = leaverDecision(d, today as never).sv;
  if (d.kind === 'abonnemang') return 'avslutad';
  return decision.startsWith('skrota') ? 'skrotad' : 'återlämnad';
}

function DeviceDecision({ person, device }: { person: PersonDevices; device: Device }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const decide = useDecideDevice();
  const [status, setStatus] = useState(() => suggested(person, device, stockholmDate(new Date())));
  const id = `decision-${device.id}`;
  return (
    <div className={styles.decision}>
      <Select
        id={id}
        className={styles.select}
        value={status}
        onChange={(_, d) => setStatus(d.value)}
        aria-label={t('devices.decisionFor', { name: device.title })}
        data-testid="device-decision"
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`devices.decision.${s}`, { defaultValue: labels.choice('devices.status', s) })}
          </option>
        ))}
      </Select>
      <Button
        size="small"
        appearance="primary"
        disabled={decide.isPending}
        onClick={() => decide.mutate({ device, status })}
        data-testid="device-confirm"
        aria-label={t('devices.confirmFor', { name: `${device.title} ${device.identifier ?? ''}`.trim() })}
      >
        {t('devices.confirm')}
      </Button>
      {decide.isError ? <ErrorView error={decide.error} /> : null}
    </div>
  );
}

function PersonSection({ entry }: { entry: PersonDevices }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const p = entry.person;
  const today = stockholmDate(new Date());
  const left = p.active === false || (!!p.endDate && stockholmDate(p.endDate) < today);
  return (
    <PageSection title={p.title}>
      <div className={styles.person} data-testid="device-person">
        <div className={styles.badges}>
          {p.jobTitle ? <Text className={styles.muted}>{p.jobTitle}</Text> : null}
          {left ? (
            <Badge color="danger" appearance="tint">
              {t('devices.left')}
            </Badge>
          ) : p.endDate ? (
            <Badge color="warning" appearance="tint">
              {t('devices.leaving', { date: labels.date(p.endDate) })}
            </Badge>
          ) : null}
          {p.movedAt ? (
            <Badge color="informative" appearance="tint">
              {t('devices.moved', { date: labels.date(p.movedAt), from: p.previousDepartment?.title ?? '–' })}
            </Badge>
          ) : null}
        </div>
        {entry.devices.length === 0 ? (
          <Text>{t('devices.none')}</Text>
        ) : (
          <DataTable
            label={t('devices.tableFor', { name: p.title })}
            testId="devices-table"
            rows={entry.devices}
            rowKey={(d) => d.id}
            columns={[
              { header: t('devices.col.kind'), cell: (d) => labels.choice('devices.kind', d.kind) },
              { header: t('devices.col.name'), cell: (d) => [d.title, d.model].filter(Boolean).join(' · ') },
              { header: t('devices.col.identifier'), cell: (d) => d.identifier ?? '–' },
              { header: t('devices.col.purchased'), cell: (d) => labels.date(d.purchaseDate) },
              {
                header: t('devices.col.status'),
                cell: (d) => (
                  <>
                    {labels.choice('devices.status', d.status)}
                    {d.confirmedAt ? (
                      <Text size={200} className={styles.muted} block>
                        {t('devices.confirmedAt', { date: labels.date(d.confirmedAt) })}
                      </Text>
                    ) : null}
                  </>
                ),
              },
              { header: t('devices.col.decision'), cell: (d) => <DeviceDecision person={entry} device={d} /> },
            ]}
          />
        )}
      </div>
    </PageSection>
  );
}

/** "Enheter och abonnemang": what the people I answer for hold, and what I decide for each. */
export function DevicesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const raw = Number(params.get('person'));
  const personId = Number.isInteger(raw) && raw > 0 ? raw : null;
  const query = useTeamDevices(personId);
  // IT (admins) and coordinators keep the inventory; the API refuses everyone else.
  const keepsInventory = hasRole(useMe().data, 'securityCoordinator', 'admin');
  return (
    <Page title={t('devices.title')} intro={t('devices.intro')}>
      {personId !== null ? <RouterLink to="/devices">{t('devices.all')}</RouterLink> : null}
      {keepsInventory && personId === null ? <InventorySection /> : null}
      <QueryView query={query} label={t('devices.loading')}>
        {(people) =>
          people.length === 0 ? (
            <Empty>{t('devices.empty')}</Empty>
          ) : (
            <>
              {people.map((entry) => (
                <PersonSection key={entry.person.id} entry={entry} />
              ))}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
