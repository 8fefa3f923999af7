import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeskDto, PartyDto } from '../../../core/directory/schemas';
import { PartyName } from '../../components/PartyName';
import { useFormatDateTime } from '../../lib/time';
import { useLocalised } from '../../lib/use-localised';
import classes from './directory.module.css';

export type DeskRelation = 'mine' | 'counterpart' | null;

export function PhoneLink({ phone }: { phone: string }) {
  const { t } = useTranslation();
  return (
    <Anchor
      href={`tel:${phone.replace(/[^\d+]/g, '')}`}
      size="sm"
      aria-label={t('directory.call', { phone })}
    >
      <Group gap={4} wrap="nowrap" component="span">
        <IconPhone size={16} aria-hidden />
        <span dir="ltr">{phone}</span>
      </Group>
    </Anchor>
  );
}

/** Who is on duty at a desk now, and until when (in the deployment's time zone). */
export function OnDuty({ desk }: { desk: DeskDto }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  if (desk.onDuty.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('directory.nobodyOnDuty')}
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" fw={600}>
        {t('directory.onDutyNow')}
      </Text>
      <List size="sm" listStyleType="none" spacing={2}>
        {desk.onDuty.map((duty) => (
          <List.Item key={duty.userId}>
            <Text span inherit fw={500} dir="auto">
              {duty.displayName}
            </Text>{' '}
            <Text span inherit c="dimmed">
              {t('directory.until', { time: format(duty.until) })}
            </Text>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** One liaison desk: its party, name (a link to its page), phone and who is on duty. */
export function DeskCard({
  desk,
  party,
  relation,
}: {
  desk: DeskDto;
  party: PartyDto | undefined;
  relation: DeskRelation;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const titleId = `desk-${desk.id}`;
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-labelledby={titleId}
      className={classes.desk}
      style={{ borderInlineStartColor: party?.colour }}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <PartyName party={party} />
          {relation && (
            <Badge variant="light" color={relation === 'mine' ? 'blue' : 'teal'} radius="sm" tt="none">
              {relation === 'mine' ? t('directory.yourDesk') : t('directory.yourCounterpart')}
            </Badge>
          )}
        </Group>
        <Title order={4} size="h5" id={titleId}>
          <Anchor component={Link} to={`/directory/desks/${desk.id}`} inherit>
            {localised(desk.names)}
          </Anchor>
        </Title>
        {desk.phone && <PhoneLink phone={desk.phone} />}
        <OnDuty desk={desk} />
      </Stack>
    </Card>
  );
}
