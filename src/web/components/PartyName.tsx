import { Group, Text } from '@mantine/core';
import type { PartyDto } from '../../core/directory/schemas';
import { useLocalised } from '../lib/use-localised';
import classes from './PartyName.module.css';

/** A party's name beside its colour. */
export function PartyName({ party }: { party: PartyDto | undefined }) {
  const localised = useLocalised();
  if (!party) return null;
  return (
    <Group gap={6} wrap="nowrap">
      <span className={classes.dot} style={{ backgroundColor: party.colour }} aria-hidden />
      <Text span size="sm">
        {localised(party.names)}
      </Text>
    </Group>
  );
}
