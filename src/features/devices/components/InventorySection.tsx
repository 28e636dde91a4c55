import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Text } from '@fluentui/react-components';
import { PageSection, QueryView } from '../../../shared/ui/Page.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { INVENTORY_SHOWN, useInventory } from '../api/inventory.js';
import type { Device } from '../api/team-devices.js';
import { DeviceForm } from './DeviceForm.js';

/**
 * For IT (admins) and coordinators: add a device or subscription, see the ones entered last and
 * correct one. The server refuses anyone else; this section is only shown to those it accepts.
 */
export function InventorySection() {
  const { t } = useTranslation();
  const labels = useLabels();
  const query = useInventory();
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (device: Device | null) => {
    setEditing(null);
    setSaved(device ? t('devices.it.saved', { name: `${device.title} ${device.identifier ?? ''}`.trim() }) : null);
  };
  return (
    <PageSection title={t('devices.it.heading')}>
      <Text block>{t('devices.it.intro')}</Text>
      <div role="status">{saved ? <Text>{saved}</Text> : null}</div>
      {editing === null ? (
        <div>
          <Button appearance="primary" onClick={() => setEditing('new')} data-testid="device-add">
            {t('devices.it.add')}
          </Button>
        </div>
      ) : (
        <DeviceForm key={editing === 'new' ? 'new' : editing.id} device={editing === 'new' ? null : editing} onDone={done} />
      )}
      <QueryView query={query} label={t('devices.loading')}>
        {(devices) =>
          devices.length === 0 ? (
            <Text>{t('devices.it.empty')}</Text>
          ) : (
            <DataTable
              label={t('devices.it.tableLabel', { count: INVENTORY_SHOWN })}
              testId="inventory-table"
              rows={devices}
              rowKey={(d) => d.id}
              columns={[
                { header: t('devices.col.kind'), cell: (d) => labels.choice('devices.kind', d.kind) },
                { header: t('devices.col.name'), cell: (d) => [d.title, d.model].filter(Boolean).join(' · ') },
                { header: t('devices.col.identifier'), cell: (d) => d.identifier ?? '–' },
                { header: t('devices.it.holder'), cell: (d) => d.holder?.title || d.holderEmail || t('devices.it.noHolder') },
                { header: t('devices.col.status'), cell: (d) => labels.choice('devices.status', d.status) },
                {
                  header: t('devices.it.change'),
                  cell: (d) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(d)}
                      aria-label={t('devices.it.editFor', { name: `${d.title} ${d.identifier ?? ''}`.trim() })}
                    >
                      {t('devices.it.change')}
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryView>
    </PageSection>
  );
}
