import { Anchor, Badge, DataList, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useDirectoryList } from '../directory/api';
import { type EntityView, useEntity } from './api';
import { ReportRows } from './parts';

const KIND_LABELS = {
  organisation: 'entities.kind.organisation',
  person: 'entities.kind.person',
  place: 'entities.kind.place',
  other: 'entities.kind.other',
} as const;

const LINK_LABELS = {
  party: 'entities.linkedType.party',
  unit: 'entities.linkedType.unit',
  district: 'entities.linkedType.district',
} as const;

export default function EntityPage() {
  const { id = '' } = useParams();
  const entity = useEntity(id);
  if (isApiError(entity.error) && entity.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={entity.data} error={entity.error} refetch={() => void entity.refetch()}>
      {(data) => <EntityScreen entity={data} />}
    </Loaded>
  );
}

/** The directory entry's name in the user's language; the lists it may be in are small and cached. */
function useLinkedName(linked: EntityView['linked']): string | null {
  const localised = useLocalised();
  const parties = useDirectoryList('parties').data;
  const units = useDirectoryList('units').data;
  const districts = useDirectoryList('districts').data;
  if (!linked) return null;
  const list = linked.type === 'party' ? parties : linked.type === 'unit' ? units : districts;
  const entry = list?.find((candidate) => candidate.id === linked.id);
  return entry ? localised(entry.names) : null;
}

function EntityScreen({ entity }: { entity: EntityView }) {
  const { t } = useTranslation();
  const linkedName = useLinkedName(entity.linked);
  usePageTitle(entity.name);
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to="/reports" size="sm">
          {t('reports.backToReports')}
        </Anchor>
        <Title order={1} mt={4}>
          <span dir="auto">{entity.name}</span>
        </Title>
        <Badge mt="xs" variant="light" radius="sm" tt="none">
          {t(KIND_LABELS[entity.kind])}
        </Badge>
      </div>
      <DataList labelWidth={180} withDivider>
        <DataList.Item>
          <DataList.ItemLabel>{t('entities.linked')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {entity.linked ? (
              <>
                {t(LINK_LABELS[entity.linked.type])}: {linkedName ?? '…'}
                {' · '}
                <Anchor component={Link} to="/directory">
                  {t('entities.openDirectory')}
                </Anchor>
              </>
            ) : (
              t('entities.notLinked')
            )}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Section id="entity-reports" title={t('entities.reports')}>
        <ReportRows reports={entity.reports} />
      </Section>
    </Stack>
  );
}
