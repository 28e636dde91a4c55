import { useTranslation } from 'react-i18next';
import { Badge, Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import type { ListAccess } from '../../../shared/data/index.js';
import { listSpec } from '../../../shared/schema/index.js';
import { DetailList } from '../../../shared/ui/DetailList.js';
import { Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { usePermissionCheck } from '../api/check-permissions.js';
import { RegisterImport } from './RegisterImport.js';

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return (
    <Badge appearance="tint" color={value ? 'success' : 'danger'}>
      {value ? yes : no}
    </Badge>
  );
}

/** Who am I, my roles, and — for admins — "Behörighetskontroll": can I read/write each list? */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const me = useMe();
  const labels = useLabels();
  const isAdmin = hasRole(me.data, 'admin');
  const check = usePermissionCheck(isAdmin);
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const listName = (row: ListAccess) => listSpec(row.key).displayName?.[lang] ?? row.title;

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;
  const user = me.data;

  return (
    <Page title={t('admin.title')} intro={t('admin.intro')}>
      <PageSection title={t('admin.whoAmI')}>
        <DetailList
          items={[
            [t('admin.name'), user.title],
            [t('admin.email'), user.email || '–'],
            [t('admin.upn'), user.upn],
            [t('admin.roles'), user.roles.length ? user.roles.map(labels.role).join(', ') : t('admin.noRoles')],
            [t('admin.signIn'), t(`admin.mode.${session.config.mode}`)],
            [t('admin.host'), session.host.inTeams ? t('admin.inTeams') : t('admin.inBrowser')],
            [t('admin.site'), session.config.siteUrl],
          ]}
        />
        <p>{t('admin.rolesSource')}</p>
      </PageSection>
      {isAdmin && (
        <PageSection title={t('admin.import.title')}>
          <RegisterImport />
        </PageSection>
      )}
      <PageSection title={t('admin.permissionsTitle')}>
        {!isAdmin ? (
          <MessageBar intent="info">
            <MessageBarBody>{t('admin.adminOnly')}</MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <p>{t('admin.permissionsIntro')}</p>
            <div>
              <Button icon={<ArrowClockwise20Regular />} onClick={() => void check.refetch()} disabled={check.isFetching}>
                {t('admin.runAgain')}
              </Button>
            </div>
            <QueryView query={check} label={t('admin.checking')}>
              {(rows) => (
                <DataTable
                  label={t('admin.permissionsTitle')}
                  testId="permissions-table"
                  rows={rows}
                  rowKey={(row) => row.key}
                  columns={[
                    { header: t('admin.col.list'), cell: listName },
                    {
                      header: t('admin.col.exists'),
                      cell: (row) => <YesNo value={row.exists} yes={t('common.yes')} no={t('common.no')} />,
                    },
                    { header: t('admin.col.read'), cell: (row) => <YesNo value={row.canRead} yes={t('common.yes')} no={t('common.no')} /> },
                    {
                      header: t('admin.col.write'),
                      cell: (row) => <YesNo value={row.canWrite} yes={t('common.yes')} no={t('common.no')} />,
                    },
                    {
                      header: t('admin.col.advice'),
                      cell: (row) =>
                        !row.exists
                          ? t('admin.advice.missing')
                          : !row.canRead
                            ? t('admin.advice.noRead')
                            : !row.canWrite
                              ? t('admin.advice.noWrite')
                              : t('admin.advice.ok'),
                    },
                  ]}
                />
              )}
            </QueryView>
          </>
        )}
      </PageSection>
    </Page>
  );
}
