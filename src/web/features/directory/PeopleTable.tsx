import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryUserDto } from '../../../core/directory/schemas';
import { PartyName } from '../../components/PartyName';
import { useLocalised } from '../../lib/use-localised';
import type { Directory } from './api';

/** Who works where: name, party, unit, desks, and whether they are on duty now. */
export function PeopleTable({ people, directory }: { people: DirectoryUserDto[]; directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <Table.ScrollContainer minWidth={720} mt="sm">
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('directory.name')}</Table.Th>
            <Table.Th scope="col">{t('directory.party')}</Table.Th>
            <Table.Th scope="col">{t('directory.unit')}</Table.Th>
            <Table.Th scope="col">{t('directory.desks')}</Table.Th>
            <Table.Th scope="col">{t('directory.duty')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => {
            const unit = directory.units.find((candidate) => candidate.id === person.unitId);
            const desks = directory.desks.filter((desk) => person.deskIds.includes(desk.id));
            return (
              <Table.Tr key={person.id}>
                <Table.Th scope="row" fw={500}>
                  <span dir="auto">{person.displayName}</span>
                </Table.Th>
                <Table.Td>
                  <PartyName party={directory.parties.find((party) => party.code === person.partyCode)} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{unit ? localised(unit.names) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} component="span">
                    {desks.length === 0
                      ? '—'
                      : desks.map((desk) => (
                          <Anchor key={desk.id} component={Link} to={`/directory/desks/${desk.id}`} size="sm">
                            {localised(desk.names)}
                          </Anchor>
                        ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {person.onDuty && (
                    <Badge color="green" variant="light" radius="sm" tt="none">
                      {t('directory.onDuty')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
