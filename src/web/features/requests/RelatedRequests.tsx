import { Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LinkKind, RequestDetail } from '../../../core/requests/schemas';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useLinkableRequests, useLinkRequest } from './api';
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
        {request.mayComment && <LinkRequest request={request} />}
      </Stack>
    </Section>
  );
}

/** A searchable choice among the requests the user may see, less this one and those already linked. */
function LinkRequest({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const candidates = useLinkableRequests(true);
  const link = useLinkRequest(request.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const taken = new Set([request.id, ...request.links.map((linked) => linked.id)]);
  const options = (candidates.data?.items ?? [])
    .filter((candidate) => !taken.has(candidate.id))
    .map((candidate) => ({
      value: candidate.id,
      // Found by typing either the reference or words of the summary.
      label: `${candidate.reference} · ${candidate.summary}`,
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setMissing(true);
    link.mutate(chosen, {
      onSuccess: (updated) => {
        const reference = updated.links.find((linked) => linked.id === chosen)?.reference ?? '';
        notify('green', t('requests.links.linked', { reference }));
        setChosen(null);
      },
    });
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
          disabled={candidates.isPending}
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
      <ErrorAlert error={link.error ?? candidates.error} />
    </form>
  );
}
