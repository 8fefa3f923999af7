import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ApiTokenDto } from '../../../core/identity/schemas';
import { currentLocale } from '../../app/i18n';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { type CreatedApiToken, useApiTokens, useCreateApiToken, useRevokeApiToken } from './api';

const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const;

function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(currentLocale(i18n.language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (iso: string) => format.format(new Date(iso));
}

export function TokensSection() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);

  return (
    <Section id="api-tokens" title={t('tokens.title')} description={t('tokens.description')}>
      <Stack gap="lg" mt="md">
        {created ? (
          <NewToken token={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateTokenForm onCreated={setCreated} />
        )}
        {tokens.isPending ? (
          <Text role="status">{t('common.loading')}</Text>
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} />
        ) : tokens.data.length === 0 ? (
          <Text>{t('tokens.none')}</Text>
        ) : (
          <TokenTable tokens={tokens.data} onRevoke={setRevoking} />
        )}
      </Stack>
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </Section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', expiry: '90' as (typeof EXPIRY_CHOICES)[number] },
    validate: { name: (value) => (value.trim() ? null : <T i18nKey="tokens.nameRequired" />) },
  });

  const submit = form.onSubmit(({ name, expiry }) => {
    const input = { name: name.trim(), ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }) };
    create.mutate(input, {
      onSuccess: (token) => {
        form.reset();
        create.reset();
        onCreated(token);
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="api-tokens-create">
      <Text fw={600} id="api-tokens-create">
        {t('tokens.createTitle')}
      </Text>
      <Group align="flex-start" gap="sm" mt="xs">
        <TextInput
          label={t('tokens.name')}
          description={t('tokens.nameHint')}
          maxLength={80}
          dir="auto"
          w={{ base: '100%', xs: 280 }}
          {...form.getInputProps('name')}
        />
        <NativeSelect
          label={t('tokens.expires')}
          description={t('tokens.expiresHint')}
          data={EXPIRY_CHOICES.map((choice) => ({
            value: choice,
            label: choice === 'never' ? t('tokens.never') : t('tokens.inDays', { count: Number(choice) }),
          }))}
          w={{ base: '100%', xs: 200 }}
          {...form.getInputProps('expiry')}
        />
      </Group>
      <ErrorAlert error={create.error} />
      <Button
        type="submit"
        mt="sm"
        leftSection={<IconKey size={16} aria-hidden />}
        loading={create.isPending}
      >
        {t('tokens.create')}
      </Button>
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      title={
        <Trans i18nKey="tokens.createdTitle" values={{ name: token.name }} components={{ bdi: <bdi /> }} />
      }
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">{t('tokens.createdBody')}</Text>
        <Code block dir="ltr" translate="no" aria-label={t('tokens.secretLabel')}>
          {token.token}
        </Code>
        <Group gap="sm">
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button variant="filled" onClick={copy}>
                {copied ? t('common.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('common.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiTokenDto[]; onRevoke: (token: ApiTokenDto) => void }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <div>
      <Text size="sm" mb="xs">
        {t('tokens.count', { count: tokens.length })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tokens.name')}</Table.Th>
              <Table.Th scope="col">{t('tokens.prefix')}</Table.Th>
              <Table.Th scope="col">{t('tokens.created')}</Table.Th>
              <Table.Th scope="col">{t('tokens.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('tokens.expires')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('tokens.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row" fw={500}>
                  <span dir="auto">{token.name}</span>
                </Table.Th>
                <Table.Td>
                  <Code dir="ltr">{token.prefix}…</Code>
                </Table.Td>
                <Table.Td>{formatDate(token.createdAt)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
                <Table.Td>{token.expiresAt ? formatDate(token.expiresAt) : t('tokens.never')}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(token)}
                    aria-label={t('tokens.revokeNamed', { name: token.name })}
                  >
                    {t('tokens.revoke')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function RevokeModal({ token, onClose }: { token: ApiTokenDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  // Keep the last token's name while the modal fades out.
  const [shown, setShown] = useState<ApiTokenDto | null>(token);
  if (token && token !== shown) setShown(token);

  const close = () => {
    revoke.reset();
    onClose();
  };

  const confirm = () => {
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        notify('green', t('tokens.revoked', { name: token.name }));
        close();
      },
    });
  };

  return (
    <ConfirmModal
      opened={token !== null}
      onClose={close}
      title={t('tokens.revokeTitle')}
      confirmLabel={t('tokens.revokeConfirm')}
      onConfirm={confirm}
      loading={revoke.isPending}
    >
      <Text>
        <Trans
          i18nKey="tokens.revokeBody"
          values={{ name: shown?.name ?? '' }}
          components={{ bdi: <bdi /> }}
        />
      </Text>
      <ErrorAlert error={revoke.error} />
    </ConfirmModal>
  );
}
