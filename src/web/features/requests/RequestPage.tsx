import { Alert, Anchor, Badge, Button, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { IconEyeCheck, IconListDetails, IconMapPinCheck, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RequestDetail, RequestTypeView } from '../../../core/requests/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { type Fact, FactList } from '../../components/FactList';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { useFormatDateTime } from '../../lib/time';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useRequest, useRequestTypes } from './api';
import { PriorityBadge, StatusBadge } from './Badges';
import { CommentThread } from './CommentThread';
import { DraftEditor } from './DraftEditor';
import { MILESTONE_LABELS, type Milestone } from './labels';
import { RelatedRequests } from './RelatedRequests';
import { RequestActions } from './RequestActions';
import { RequestTimeline } from './RequestTimeline';
import classes from './requests.module.css';
import { TimeLeft, useNow } from './TimeLeft';
import { useNames } from './use-names';

export default function RequestPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  const types = useRequestTypes();
  // Absent, or not the caller's to see: the server answers 404 for both, and so does the page.
  if (isApiError(request.error) && request.error.status === 404) return <NotFoundContent />;
  const ready = request.data && types.data ? { request: request.data, types: types.data } : undefined;
  return (
    <Loaded data={ready} error={request.error ?? types.error} refetch={() => void request.refetch()}>
      {({ request, types }) => (
        <RequestView request={request} type={types.find((type) => type.code === request.type)} />
      )}
    </Loaded>
  );
}

function RequestView({ request, type }: { request: RequestDetail; type: RequestTypeView | undefined }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState(false);
  const typeName = type ? localised(type.names) : request.type;
  usePageTitle(`${request.reference} · ${typeName}`);
  // Whoever may submit the draft is of the requesting party, the one party that edits it.
  const editable = request.status === 'draft' && request.actions.includes('submit') && !!type;
  // Submitted meanwhile (from another tab): the editor closes by itself.
  const showEditor = editing && editable;
  return (
    <Stack gap="lg" maw={1000}>
      <MarkingBanner marking={request.marking} />
      <div>
        <Anchor component={Link} to="/requests" size="sm">
          {t('requests.backToRequests')}
        </Anchor>
        <Title order={1} mt={4}>
          <span dir="ltr">{request.reference}</span> · {typeName}
        </Title>
        <Group gap="xs" mt="xs">
          <StatusBadge status={request.status} />
          <PriorityBadge priority={request.priority} />
          {request.escalationLevel > 0 && (
            <Badge color="orange" variant="light" radius="sm" tt="none">
              {t('requests.escalationLevel', { level: request.escalationLevel })}
            </Badge>
          )}
        </Group>
      </div>
      {!showEditor && <RequestActions request={request} />}
      {editable && !showEditor && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setEditing(true)}
          >
            {t('requests.draft.edit')}
          </Button>
        </Group>
      )}
      <Overview request={request} type={type} />
      {request.conditions && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconListDetails aria-hidden />}
          title={t('requests.conditions')}
        >
          <Text dir="auto" className={classes.userText}>
            {request.conditions}
          </Text>
        </Alert>
      )}
      {request.answerDraft && <AnswerDraftAlert draft={request.answerDraft} />}
      {request.handover && <HandoverSection handover={request.handover} />}
      {showEditor && type ? (
        <DraftEditor request={request} view={type} onDone={() => setEditing(false)} />
      ) : (
        <FieldsSection request={request} type={type} />
      )}
      <DeadlinesSection request={request} />
      <RequestTimeline entries={request.timeline} />
      <CommentThread request={request} />
      <RelatedRequests request={request} />
      <MarkingBanner marking={request.marking} />
    </Stack>
  );
}

const ANSWER_WORDS = {
  approve: 'requests.actions.approve',
  'approve-with-conditions': 'requests.actions.approveWithConditions',
  deny: 'requests.actions.deny',
} as const;

/** Four eyes: the answer drafted by the desk, shown only to the receiving party (the server sends it to no one else). */
function AnswerDraftAlert({ draft }: { draft: NonNullable<RequestDetail['answerDraft']> }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconEyeCheck aria-hidden />}
      title={t('requests.answer.title')}
    >
      <Stack gap={4}>
        <Text size="sm">{t('requests.answer.hint')}</Text>
        <Text fw={600}>{t(ANSWER_WORDS[draft.answer])}</Text>
        {draft.conditions && (
          <Text dir="auto" className={classes.userText}>
            {draft.conditions}
          </Text>
        )}
        {draft.reason && (
          <Text dir="auto" className={classes.userText}>
            {draft.reason}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('requests.answer.draftedBy', { name: draft.draftedBy.displayName })} · {format(draft.draftedAt)}
        </Text>
      </Stack>
    </Alert>
  );
}

/** Where, when and to whom the person was handed over. */
function HandoverSection({ handover }: { handover: NonNullable<RequestDetail['handover']> }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const format = useFormatDateTime();
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconMapPinCheck aria-hidden />}
      title={t('requests.handover.title')}
    >
      <FactList
        facts={[
          [t('requests.handover.place'), localised(handover.place.names)],
          [t('requests.handover.at'), format(handover.at)],
          [
            t('requests.handover.receivedBy'),
            <span key="receivedBy" dir="auto">
              {handover.receivedBy}
            </span>,
          ],
          [
            t('requests.handover.condition'),
            <span key="condition" dir="auto">
              {handover.condition}
            </span>,
          ],
        ]}
      />
      <Text size="sm" c="dimmed" mt="xs">
        {t('requests.handover.recordedBy', { name: handover.recordedBy.displayName })}
      </Text>
    </Alert>
  );
}

function Overview({ request, type }: { request: RequestDetail; type: RequestTypeView | undefined }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const format = useFormatDateTime();
  const names = useNames();
  const rows: Fact[] = [
    [t('requests.from'), names.party(request.fromParty)],
    [t('requests.to'), `${names.party(request.toParty)} · ${localised(request.receivingDesk.names)}`],
    [t('requests.district'), localised(request.district.names)],
    [
      t('requests.requestedBy'),
      <span dir="auto" key="requested-by">
        {request.requestedBy.displayName}
      </span>,
    ],
    [
      t('requests.submittedAt'),
      request.submittedAt ? format(request.submittedAt) : t('requests.notSubmitted'),
    ],
  ];
  if (type?.coordinatorCoSigns)
    rows.push([
      t('requests.coSignature'),
      request.coSigned ? t('requests.coSigned') : t('requests.notCoSigned'),
    ]);
  return <FactList facts={rows} labelWidth={140} />;
}

/** The form as filled in, in the type's order, labels in the user's language and values as written. */
function FieldsSection({ request, type }: { request: RequestDetail; type: RequestTypeView | undefined }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const format = useFormatDateTime();
  const fields = type?.fields.filter((field) => request.fields[field.key] !== undefined) ?? [];
  const shown = (field: RequestTypeView['fields'][number], value: string | number) => {
    if (field.kind === 'datetime') return format(String(value));
    const option = field.options?.find((candidate) => candidate.value === value);
    return option ? localised(option.labels) : String(value);
  };
  return (
    <Section id="request-fields" title={t('requests.details')}>
      <DataList labelWidth={140} withDivider mt="sm">
        {fields.map((field) => (
          <DataList.Item key={field.key}>
            <DataList.ItemLabel>{localised(field.labels)}</DataList.ItemLabel>
            <DataList.ItemValue dir="auto" className={classes.userText}>
              {shown(field, request.fields[field.key] as string | number)}
            </DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Section>
  );
}

const MILESTONES: { milestone: Milestone; key: 'acknowledgeBy' | 'respondBy' | 'resolveBy' }[] = [
  { milestone: 'acknowledge', key: 'acknowledgeBy' },
  { milestone: 'respond', key: 'respondBy' },
  { milestone: 'resolve', key: 'resolveBy' },
];

/** Each deadline with its time; the next one counts down, missed ones say so. A list, to fit a phone. */
function DeadlinesSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const now = useNow();
  const { deadlines } = request;
  if (!deadlines.acknowledgeBy) return null;
  return (
    <Section id="request-deadlines" title={t('requests.deadlines')}>
      <Stack component="ul" gap={0} mt="sm" className={classes.plainList}>
        {MILESTONES.map(({ milestone, key }) => {
          const at = deadlines[key];
          if (!at) return null;
          const missed = deadlines.breached.includes(milestone);
          const next = deadlines.next?.milestone === milestone;
          return (
            <Group
              component="li"
              key={milestone}
              justify="space-between"
              gap="xs"
              py={8}
              className={classes.deadline}
            >
              <div>
                <Text fw={600}>{t(MILESTONE_LABELS[milestone])}</Text>
                <Text size="sm" c="dimmed">
                  {t('requests.dueBy')} <time dateTime={at}>{format(at)}</time>
                </Text>
              </div>
              <Group gap="xs">
                {next ? (
                  <TimeLeft deadline={{ milestone, at }} now={now} missed={missed} />
                ) : (
                  missed && (
                    <Badge color="red" variant="filled" radius="sm" tt="none">
                      {t('requests.missed')}
                    </Badge>
                  )
                )}
              </Group>
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}
