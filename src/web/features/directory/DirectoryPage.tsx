import { Badge, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDto, DistrictDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { type Directory, useDirectory } from './api';
import { DeskCard, type DeskRelation } from './DeskCard';
import classes from './directory.module.css';
import { GroupsList } from './GroupsList';
import { type DistrictView, deskRelations, pairDesks, searchDirectory } from './model';
import { PeopleTable } from './PeopleTable';

export default function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const directory = useDirectory();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1}>{t('directory.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('directory.subtitle')}
        </Text>
      </div>
      <TextInput
        type="search"
        label={t('directory.search')}
        description={t('directory.searchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        dir="auto"
        maw={560}
      />
      <Loaded {...directory}>{(data) => <DirectoryContent directory={data} query={deferred} />}</Loaded>
    </Stack>
  );
}

function DirectoryContent({ directory, query }: { directory: Directory; query: string }) {
  const { t } = useTranslation();
  const { user } = useSignedInMe();
  const relationOf = deskRelations(directory, user.id);
  const { districts, wideDesks, groups, people } = searchDirectory(directory, query);
  const nothing = districts.length + wideDesks.length + groups.length + people.length === 0;
  const partyOrder = directory.parties.map((party) => party.code);
  const deskProps = { directory, partyOrder, relationOf };

  return (
    <Stack gap="lg">
      <Text role="status" size="sm" c="dimmed">
        {nothing
          ? t('directory.noMatch')
          : t('directory.found', { districts: districts.length, people: people.length })}
      </Text>
      {districts.length > 0 && (
        <Section id="directory-districts" title={t('directory.districts')}>
          <Stack gap="md" mt="md">
            {districts.map((view) => (
              <DistrictCard key={view.district.id} view={view} {...deskProps} />
            ))}
          </Stack>
        </Section>
      )}
      {wideDesks.length > 0 && (
        <Section
          id="directory-wide-desks"
          title={t('directory.wideDesks')}
          description={t('directory.wideDesksHint')}
        >
          <DeskGrid desks={wideDesks} {...deskProps} />
        </Section>
      )}
      {groups.length > 0 && (
        <Section id="directory-groups" title={t('directory.groups')}>
          <GroupsList groups={groups} parties={directory.parties} />
        </Section>
      )}
      {people.length > 0 && (
        <Section id="directory-people" title={t('directory.people')}>
          <PeopleTable people={people} directory={directory} />
        </Section>
      )}
    </Stack>
  );
}

interface DeskGridProps {
  directory: Directory;
  partyOrder: string[];
  relationOf: (desk: DeskDto) => DeskRelation;
}

/** Desks in rows, each with its counterpart beside it. */
function DeskGrid({ desks, directory, partyOrder, relationOf }: DeskGridProps & { desks: DeskDto[] }) {
  return (
    <Stack gap="sm" mt="sm">
      {pairDesks(desks, partyOrder).map((row) => (
        <SimpleGrid key={row[0]?.id} cols={{ base: 1, sm: 2 }} spacing="sm">
          {row.map((desk) => (
            <DeskCard
              key={desk.id}
              desk={desk}
              party={directory.parties.find((party) => party.code === desk.partyCode)}
              relation={relationOf(desk)}
            />
          ))}
        </SimpleGrid>
      ))}
    </Stack>
  );
}

function PlaceHeading({ place, order }: { place: DistrictDto; order: 3 | 4 }) {
  const localised = useLocalised();
  return (
    <Group gap="xs" align="baseline">
      <Title order={order} size={order === 3 ? 'h4' : 'h5'} id={`place-${place.id}`}>
        {localised(place.names)}
      </Title>
      {place.status && (
        <Badge variant="light" color="gray" radius="sm" tt="none">
          <span dir="auto">{place.status}</span>
        </Badge>
      )}
    </Group>
  );
}

function DistrictCard({ view, ...deskProps }: DeskGridProps & { view: DistrictView }) {
  const { t } = useTranslation();
  const { district, blocks } = view;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={`place-${district.id}`}>
      <PlaceHeading place={district} order={3} />
      {district.aliases.length > 0 && (
        <Text size="xs" c="dimmed" mt={2}>
          {t('directory.alsoKnownAs')} <span dir="auto">{district.aliases.join(' · ')}</span>
        </Text>
      )}
      {blocks.map(({ area, desks }) =>
        area ? (
          <Stack key={area.id} gap={4} mt="sm" className={classes.area}>
            <PlaceHeading place={area} order={4} />
            {desks.length > 0 ? (
              <DeskGrid desks={desks} {...deskProps} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('directory.areaServedByDistrict')}
              </Text>
            )}
          </Stack>
        ) : desks.length > 0 ? (
          <DeskGrid key="district" desks={desks} {...deskProps} />
        ) : (
          <Text key="district" size="sm" c="dimmed" mt="sm">
            {t('directory.noDesks')}
          </Text>
        ),
      )}
    </Card>
  );
}
