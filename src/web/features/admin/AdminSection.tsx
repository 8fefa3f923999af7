import { Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** What an administration page is about, and its "Add …" button. */
export function AdminIntro({
  description,
  addLabel,
  onAdd,
}: {
  description: ReactNode;
  addLabel: ReactNode;
  onAdd: () => void;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Text c="dimmed" maw={680}>
        {description}
      </Text>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
        {addLabel}
      </Button>
    </Group>
  );
}
