import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../core/search/schemas';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { usePageTitle } from '../../lib/use-page-title';
import { type SearchFilter, useSearch } from './api';
import { Snippet, typedDirection } from './parts';
import classes from './reports.module.css';
import { useFormatDate } from './use-format-date';

const FILTERS = ['q', 'tag', 'from', 'to'] as const;

/** Search in any of the three languages; the question lives in the address, so Back returns to the results. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked: SearchFilter = {
    q: params.get('q') ?? '',
    tag: params.get('tag') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const [draft, setDraft] = useState(asked);
  const search = useSearch(asked);
  usePageTitle(asked.q ? `${asked.q} · ${t('search.title')}` : t('search.title'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = draft[name]?.trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  };
  const set = (name: (typeof FILTERS)[number]) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [name]: value }));
  };

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>{t('search.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('search.intro')}
        </Text>
      </div>
      <form onSubmit={submit} aria-label={t('search.title')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              type="search"
              label={t('search.query')}
              dir="auto"
              ref={typedDirection}
              flex={1}
              value={draft.q}
              onChange={set('q')}
            />
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
              {t('search.submit')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('search.tag')} dir="ltr" value={draft.tag} onChange={set('tag')} />
            <TextInput type="date" label={t('search.from')} value={draft.from} onChange={set('from')} />
            <TextInput type="date" label={t('search.to')} value={draft.to} onChange={set('to')} />
          </SimpleGrid>
        </Stack>
      </form>
      {asked.q.trim() && (
        <section aria-labelledby="search-results-title">
          <Title order={2} size="h3" id="search-results-title" mb="sm">
            {t('search.results')}
          </Title>
          <Loaded data={search.data} error={search.error} refetch={() => void search.refetch()}>
            {({ hits }) =>
              hits.length === 0 ? (
                <Text role="status">{t('search.none')}</Text>
              ) : (
                <Stack component="ol" gap="sm" className={classes.plainList}>
                  {hits.map((hit) => (
                    <li key={hit.paragraphId}>
                      <HitCard hit={hit} />
                    </li>
                  ))}
                </Stack>
              )
            }
          </Loaded>
        </section>
      )}
    </Stack>
  );
}

function HitCard({ hit }: { hit: SearchHit }) {
  const formatDate = useFormatDate();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={6}>
        <MarkingBanner marking={hit.portion} />
        <Group gap="xs" align="baseline" wrap="wrap">
          <Anchor
            component={Link}
            to={`/reports/${encodeURIComponent(hit.id)}#paragraph-${encodeURIComponent(hit.paragraphId)}`}
            fw={700}
          >
            <span dir="auto" ref={typedDirection}>
              {hit.title}
            </span>
          </Anchor>
          <Text span size="sm" c="dimmed">
            <bdi dir="ltr">{hit.reference}</bdi> · <time dateTime={hit.date}>{formatDate(hit.date)}</time>
          </Text>
        </Group>
        <Snippet text={hit.snippet} highlights={hit.highlights} />
      </Stack>
    </Paper>
  );
}
