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
import { deskRelations, pairDesks } from './model';
import { PeopleTable } from './PeopleTable';
import { matcher, namesOf } from './search';

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

interface DistrictView {
  district: DistrictDto;
  /** The district's own desks first (area null), then each area's. */
  blocks: { area: DistrictDto | null; desks: DeskDto[] }[];
}

function DirectoryContent({ directory, query }: { directory: Directory; query: string }) {
  const { t } = useTranslation();
  const { user } = useSignedInMe();
  const matches = matcher(query);
  const relationOf = deskRelations(directory, user.id);
  const partyName = (code: string) => directory.parties.find((party) => party.code === code)?.names;
  const deskTexts = (desk: DeskDto) => [
    ...namesOf(desk.names),
    desk.code,
    desk.phone,
    ...desk.onDuty.map((duty) => duty.displayName),
    ...namesOf(partyName(desk.partyCode) ?? { en: '', ar: '', he: '' }),
  ];
  const placeTexts = (place: DistrictDto) => [
    ...namesOf(place.names),
    place.code,
    place.status,
    ...place.aliases,
  ];

  const districts: DistrictView[] = directory.districts
    .filter((district) => district.parentId === null)
    .flatMap((district) => {
      const areas = directory.districts.filter((area) => area.parentId === district.id);
      const placeMatches = [district, ...areas].some((place) => matches(placeTexts(place)));
      const blocks = [null, ...areas].map((area) => {
        const desks = directory.desks.filter((desk) => desk.districtId === (area ?? district).id);
        return { area, desks: placeMatches ? desks : desks.filter((desk) => matches(deskTexts(desk))) };
      });
      const found = placeMatches || blocks.some((block) => block.desks.length > 0);
      return found ? [{ district, blocks }] : [];
    });
  const wideDesks = directory.desks.filter((desk) => desk.districtId === null && matches(deskTexts(desk)));
  const groups = directory.groups.filter((group) => matches([...namesOf(group.names), group.code]));
  const people = directory.users.filter((person) =>
    matches([
      person.displayName,
      person.username,
      ...namesOf(partyName(person.partyCode ?? '') ?? { en: '', ar: '', he: '' }),
      ...directory.units.filter((unit) => unit.id === person.unitId).flatMap((unit) => namesOf(unit.names)),
      ...directory.desks
        .filter((desk) => person.deskIds.includes(desk.id))
        .flatMap((desk) => namesOf(desk.names)),
    ]),
  );
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
