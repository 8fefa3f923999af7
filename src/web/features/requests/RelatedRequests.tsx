import { Anchor, Button, Group, NativeSelect, Paper, Select, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LINK_KINDS, type LinkKind, type RequestDetail } from '../../../core/requests/schemas';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useChannels } from '../channels/api';
import { useSignedInMe } from '../identity/api';
import { useReleases, useReports } from '../reports/api';
import { useSubmissions } from '../submissions/api';
import { useLinkableRequests, useLinkRecord } from './api';
import { StatusBadge } from './Badges';
import classes from './requests.module.css';
import { useNames } from './use-names';

/** Where each kind of linked record is read in the app. */
const PAGES: Record<LinkKind, string> = {
  request: '/requests',
  report: '/reports',
  release: '/releases',
  submission: '/submissions',
  channel: '/channels',
};

const KIND_LABELS = {
  request: 'requests.links.kind.request',
  report: 'requests.links.kind.report',
  release: 'requests.links.kind.release',
  submission: 'requests.links.kind.submission',
  channel: 'requests.links.kind.channel',
} as const satisfies Record<LinkKind, string>;

/** Requests related to this one (either way round), each a link to its page; and, for who may write, linking one more. */
export function RelatedRequests({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <Section id="request-links" title={t('requests.links.title')}>
      <Stack gap="sm" mt="sm">
        {request.links.length === 0 ? (
          <Text c="dimmed">{t('requests.links.none')}</Text>
        ) : (
          <Stack component="ul" gap="xs" className={classes.plainList}>
            {request.links.map((link) => (
              <Paper component="li" key={`${link.kind}:${link.id}`} withBorder p="sm" radius="md">
                <Group gap="xs" wrap="wrap">
                  <Text span size="sm" c="dimmed">
                    {t(KIND_LABELS[link.kind])}
                  </Text>
                  <Anchor component={Link} to={`${PAGES[link.kind]}/${link.id}`} fw={700} dir="auto">
                    {link.reference}
                  </Anchor>
                  {link.type && (
                    <Text span fw={600}>
                      {names.type(link.type)}
                    </Text>
                  )}
                  {link.status && <StatusBadge status={link.status} />}
                </Group>
                {link.title && link.title !== link.reference && (
                  <Text dir="auto" mt={4} lineClamp={2}>
                    {link.title}
                  </Text>
                )}
              </Paper>
            ))}
          </Stack>
        )}
        {request.mayComment && <LinkRecord request={request} />}
      </Stack>
    </Section>
  );
}

/** The records of one kind the user may link to, as choices: reference and title, found by typing either. */
type Choices = { data: { value: string; label: string }[]; pending: boolean; error: unknown };

function useRequestChoices(): Choices {
  const query = useLinkableRequests(true);
  return {
    data: (query.data?.items ?? []).map((item) => ({
      value: item.id,
      label: `${item.reference} · ${item.summary}`,
    })),
    pending: query.isPending,
    error: query.error,
  };
}
function useReleaseChoices(): Choices {
  const query = useReleases();
  return {
    data: (query.data ?? []).map((item) => ({
      value: item.id,
      label: `${item.fromParty} → ${item.toParty} · ${item.title}`,
    })),
    pending: query.isPending,
    error: query.error,
  };
}
function useReportChoices(): Choices {
  const query = useReports();
  return {
    data: (query.data ?? []).map((item) => ({ value: item.id, label: `${item.reference} · ${item.title}` })),
    pending: query.isPending,
    error: query.error,
  };
}
function useSubmissionChoices(): Choices {
  const query = useSubmissions();
  return {
    data: (query.data ?? []).map((item) => ({ value: item.id, label: `${item.reference} · ${item.title}` })),
    pending: query.isPending,
    error: query.error,
  };
}
function useChannelChoices(): Choices {
  const query = useChannels();
  return {
    data: (query.data ?? [])
      .filter((channel) => channel.kind !== 'request')
      .map((item) => ({ value: item.id, label: item.name })),
    pending: query.isPending,
    error: query.error,
  };
}

const CHOICES: Record<LinkKind, () => Choices> = {
  request: useRequestChoices,
  release: useReleaseChoices,
  report: useReportChoices,
  submission: useSubmissionChoices,
  channel: useChannelChoices,
};

/** Link one more record: choose its kind, then the record among those the user may see. */
function LinkRecord({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const { abilities } = useSignedInMe();
  const kinds = LINK_KINDS.filter(
    (kind) =>
      (kind !== 'report' || abilities.browseReports) &&
      (kind !== 'submission' || abilities.browseSubmissions),
  );
  const [kind, setKind] = useState<LinkKind>('request');
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('requests.links.kindLabel')}
        data={kinds.map((value) => ({ value, label: t(KIND_LABELS[value]) }))}
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as LinkKind)}
        w={{ base: '100%', xs: 240 }}
      />
      {/* Keyed by kind: each kind's choices are read only when it is chosen. */}
      <LinkChoice key={kind} request={request} kind={kind} />
    </Stack>
  );
}

function LinkChoice({ request, kind }: { request: RequestDetail; kind: LinkKind }) {
  const { t } = useTranslation();
  const choices = CHOICES[kind]();
  const link = useLinkRecord(request.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const taken = new Set([request.id, ...request.links.map((linked) => linked.id)]);
  const options = choices.data.filter((choice) => !taken.has(choice.value));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setMissing(true);
    link.mutate(
      { kind, id: chosen },
      {
        onSuccess: (updated) => {
          const reference = updated.links.find((linked) => linked.id === chosen)?.reference ?? '';
          notify('green', t('requests.links.linked', { reference }));
          setChosen(null);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('requests.links.choose')}
          description={t('requests.links.chooseHint')}
          data={options}
          value={chosen}
          onChange={(value) => {
            setChosen(value);
            setMissing(false);
            link.reset();
          }}
          searchable
          nothingFoundMessage={t('requests.links.nothingFound')}
          error={missing ? t('requests.links.required') : undefined}
          disabled={choices.pending}
          flex={1}
          miw={240}
        />
        <Button
          type="submit"
          variant="default"
          leftSection={<IconLink size={16} aria-hidden />}
          loading={link.isPending}
        >
          {t('requests.links.link')}
        </Button>
      </Group>
      <ErrorAlert error={link.error ?? choices.error} />
    </form>
  );
}
