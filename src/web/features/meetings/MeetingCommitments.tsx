import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommitmentSummary } from '../../../core/commitments/schemas';
import type { MeetingDetail } from '../../../core/working-groups/meetings';
import { isoToZonedInput } from '../../../core/zoned-time';
import { Section } from '../../components/Section';
import { useCommitments } from '../commitments/api';
import { StatusBadge } from '../commitments/CommitmentBoardView';
import { RaiseDialog } from '../commitments/CommitmentsSection';
import { useMe } from '../identity/api';
import { useWorkingGroup } from '../working-groups/api';
import { useMeetingTime } from './format';

/** The day after the meeting's own day (on its clock): commitments due before it are carried onto it. */
function dayAfter(meeting: MeetingDetail) {
  const day = isoToZonedInput(meeting.startsAt, meeting.timeZone).slice(0, 10);
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * A meeting's commitments: the group's open ones due by the meeting's day,
 * carried onto its agenda by themselves (overdue ones marked), and those
 * raised in this meeting, with "Raise a commitment" for the group's members.
 */
export function MeetingCommitments({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const carried = useCommitments({
    group: meeting.groupId,
    status: 'open,in-progress',
    dueBefore: dayAfter(meeting),
  });
  const raised = useCommitments({ meeting: meeting.id });
  const group = useWorkingGroup(meeting.groupId);
  const me = useMe();
  const member = group.data?.members.some((person) => person.id === me.data?.user.id) ?? false;
  const [raising, setRaising] = useState(false);
  return (
    <>
      {carried.isSuccess && (
        <Section id="meeting-carried" title={t('meetings.carried')} description={t('meetings.carriedIntro')}>
          <CommitmentList items={carried.data.items} empty={t('meetings.carriedNone')} />
        </Section>
      )}
      {raised.isSuccess && (
        <Section id="meeting-commitments" title={t('meetings.raisedHere')}>
          <Stack gap="sm" mt="sm">
            <CommitmentList items={raised.data.items} empty={t('meetings.raisedNone')} />
            {member && meeting.status !== 'cancelled' && (
              <Button
                variant="default"
                w="fit-content"
                leftSection={<IconChecklist size={16} aria-hidden />}
                onClick={() => setRaising(true)}
              >
                {t('commitments.raise')}
              </Button>
            )}
          </Stack>
          {raising && group.data && (
            <RaiseDialog group={group.data} meetingId={meeting.id} onClose={() => setRaising(false)} />
          )}
        </Section>
      )}
    </>
  );
}

function CommitmentList({ items, empty }: { items: CommitmentSummary[]; empty: string }) {
  const { t } = useTranslation();
  const time = useMeetingTime();
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {empty}
      </Text>
    );
  return (
    <Stack component="ul" gap={6} mt="sm" p={0} style={{ listStyle: 'none' }}>
      {items.map((commitment) => (
        <Group component="li" key={commitment.id} gap={6} wrap="wrap">
          <Anchor component={Link} to={`/commitments/${commitment.id}`}>
            <span dir="auto">{commitment.title}</span>
          </Anchor>
          <StatusBadge item={commitment} />
          <Text span c="dimmed" size="sm">
            {commitment.ownerParty} · <bdi>{commitment.owner.displayName}</bdi> ·{' '}
            {t('meetings.due', { date: time.date(commitment.dueOn) })}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
