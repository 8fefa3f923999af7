import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GroupDto, PartyDto } from '../../../core/directory/schemas';
import { PartyName } from '../../components/PartyName';
import { useLocalised } from '../../lib/use-localised';

/** Working groups (and the need-to-know groups the user belongs to) with their parties and member counts. */
export function GroupsList({ groups, parties }: { groups: GroupDto[]; parties: PartyDto[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2 }}
      spacing="sm"
      mt="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {groups.map((group) => (
        <Stack
          key={group.id}
          component="li"
          gap={4}
          p="sm"
          bd="1px solid var(--mantine-color-default-border)"
          bdrs="md"
        >
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={600}>{localised(group.names)}</Text>
            <Badge variant="light" color="gray" radius="sm" tt="none" style={{ flex: 'none' }}>
              {t('directory.memberCount', { count: group.memberIds.length })}
            </Badge>
          </Group>
          {group.kind === 'need-to-know' && (
            <Text size="xs" c="dimmed">
              {t('directory.needToKnow')}
            </Text>
          )}
          <Group gap="sm">
            {group.parties.map((code) => (
              <PartyName key={code} party={parties.find((party) => party.code === code)} />
            ))}
          </Group>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
