import {
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DirectoryUserDto } from '../../../core/directory/schemas';
import { LOCALE_NATIVE_NAMES, LOCALES } from '../../../core/i18n/locales';
import { PASSWORD_MIN_LENGTH } from '../../../core/identity/password-rules';
import { ROLES } from '../../../core/identity/schemas';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Loaded } from '../../components/Loaded';
import { PartyName } from '../../components/PartyName';
import { PasswordField } from '../../components/PasswordField';
import { T } from '../../components/T';
import { api } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { type Directory, useDirectory, useInvalidateDirectory } from '../directory/api';
import { matcher } from '../directory/search';
import { useSignedInMe } from '../identity/api';
import { AdminIntro } from './AdminSection';
import { EditorModal } from './EditorModal';
import { EntityTable } from './EntityTable';
import { useOptions } from './options';

/** Accounts: who they are, where they work, what they may see; created, changed, disabled here. */
export function UsersAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Users directory={data} />}</Loaded>;
}

function Users({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const levels = useDeployment().data?.classification.levels ?? [];
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<DirectoryUserDto | 'new' | null>(null);
  const matches = matcher(query);
  const rows = directory.users.filter((user) =>
    matches([user.displayName, user.username, user.email, user.partyCode]),
  );
  return (
    <>
      <AdminIntro
        description={t('admin.users.description')}
        addLabel={t('admin.users.add')}
        onAdd={() => setEditing('new')}
      />
      <TextInput
        type="search"
        label={t('admin.users.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        dir="auto"
        maw={420}
      />
      <EntityTable
        rows={rows}
        nameOf={(user) => user.displayName}
        onEdit={setEditing}
        minWidth={960}
        actions={(user) => <AccountStateButton user={user} />}
        columns={[
          {
            header: t('admin.users.displayName'),
            cell: (user) => <span dir="auto">{user.displayName}</span>,
          },
          { header: t('admin.users.username'), cell: (user) => <span dir="ltr">{user.username}</span> },
          {
            header: t('directory.party'),
            cell: (user) => (
              <PartyName party={directory.parties.find((party) => party.code === user.partyCode)} />
            ),
          },
          {
            header: t('account.roles'),
            cell: (user) => (
              <Group gap={4}>
                {user.roles.map((role) => (
                  <Badge key={role} variant="light" color="gray" radius="sm" tt="none">
                    {t(`roles.${role}`)}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            header: t('account.clearance'),
            cell: (user) => {
              const level = levels.find((candidate) => candidate.code === user.clearance);
              return level ? localised(level.names) : user.clearance;
            },
          },
          {
            header: t('admin.users.state'),
            cell: (user) => (
              <Badge variant="light" color={user.disabled ? 'red' : 'green'} radius="sm" tt="none">
                {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
              </Badge>
            ),
          },
        ]}
      />
      {rows.length === 0 && <Text>{t('directory.noMatch')}</Text>}
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          directory={directory}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** Disable (sign-in refused, sessions ended, history kept) or enable again, after a confirmation. */
function AccountStateButton({ user }: { user: DirectoryUserDto }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const invalidate = useInvalidateDirectory();
  const [opened, setOpened] = useState(false);
  const disable = !user.disabled;
  const change = useMutation({
    mutationFn: () =>
      disable
        ? api.delete(`/api/directory/users/${user.id}`)
        : api.patch(`/api/directory/users/${user.id}`, { disabled: false }),
  });
  if (user.id === me.user.id) return null;
  const close = () => {
    change.reset();
    setOpened(false);
  };
  const confirm = () =>
    change.mutate(undefined, {
      onSuccess: async () => {
        await invalidate();
        notify(
          'green',
          disable
            ? t('admin.users.disabledDone', { name: user.displayName })
            : t('admin.users.enabledDone', { name: user.displayName }),
        );
        close();
      },
    });
  const name = { name: user.displayName };
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        color={disable ? 'red' : 'green'}
        onClick={() => setOpened(true)}
        aria-label={disable ? t('admin.users.disableNamed', name) : t('admin.users.enableNamed', name)}
      >
        {disable ? t('admin.users.disable') : t('admin.users.enable')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={disable ? t('admin.users.disableTitle') : t('admin.users.enableTitle')}
        confirmLabel={disable ? t('admin.users.disable') : t('admin.users.enable')}
        color={disable ? 'red' : 'green'}
        onConfirm={confirm}
        loading={change.isPending}
      >
        <Text>
          <Trans
            i18nKey={disable ? 'admin.users.disableBody' : 'admin.users.enableBody'}
            values={name}
            components={{ bdi: <bdi /> }}
          />
        </Text>
        <ErrorAlert error={change.error} />
      </ConfirmModal>
    </>
  );
}

function UserForm({
  user,
  directory,
  onClose,
}: {
  user: DirectoryUserDto | null;
  directory: Directory;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const options = useOptions(directory);
  const levels = useDeployment().data?.classification.levels ?? [];
  const required =
    (key: 'admin.users.usernameRequired' | 'admin.nameRequired' | 'admin.users.nationalityRequired') =>
    (value: string) =>
      value.trim() ? null : <T i18nKey={key} />;
  return (
    <EditorModal
      title={user ? t('admin.users.edit') : t('admin.users.add')}
      initialValues={{
        username: user?.username ?? '',
        displayName: user?.displayName ?? '',
        email: user?.email ?? '',
        password: '',
        roles: (user?.roles ?? []) as string[],
        language: 'en',
        nationality: user?.nationality ?? '',
        clearance: user?.clearance ?? levels[0]?.code ?? '',
        partyCode: user?.partyCode ?? '',
        unitId: user?.unitId ?? '',
        deskIds: user?.deskIds ?? [],
        groupIds: user?.groupIds ?? [],
      }}
      validate={{
        username: user ? undefined : required('admin.users.usernameRequired'),
        displayName: required('admin.nameRequired'),
        nationality: required('admin.users.nationalityRequired'),
        password: (value) =>
          user || [...value].length >= PASSWORD_MIN_LENGTH ? null : (
            <T i18nKey="password.tooShort" values={{ count: PASSWORD_MIN_LENGTH }} />
          ),
      }}
      save={({ username, password, language, email, partyCode, unitId, ...rest }) => {
        const body = {
          ...rest,
          email: email.trim() || null,
          partyCode: partyCode || null,
          unitId: unitId || null,
        };
        return user
          ? api.patch(`/api/directory/users/${user.id}`, body)
          : api.post('/api/directory/users', { ...body, username, password, language });
      }}
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => {
        const partyNationalities = directory.parties.find(
          (party) => party.code === form.values.partyCode,
        )?.nationalities;
        const nationalities = [
          ...new Set([form.values.nationality, ...(partyNationalities ?? options.nationalities)]),
        ].filter(Boolean);
        return (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('admin.users.username')}
                disabled={user !== null}
                withAsterisk={user === null}
                dir="ltr"
                autoCapitalize="none"
                spellCheck={false}
                autoComplete="off"
                {...form.getInputProps('username')}
              />
              <TextInput
                label={t('admin.users.displayName')}
                withAsterisk
                dir="auto"
                {...form.getInputProps('displayName')}
              />
              <TextInput
                label={t('admin.users.email')}
                type="email"
                dir="ltr"
                {...form.getInputProps('email')}
              />
              {user === null && (
                <PasswordField
                  label={t('admin.users.password')}
                  description={t('password.rules', { count: PASSWORD_MIN_LENGTH })}
                  autoComplete="new-password"
                  withAsterisk
                  {...form.getInputProps('password')}
                />
              )}
            </SimpleGrid>
            <Checkbox.Group label={t('account.roles')} {...form.getInputProps('roles')}>
              <Group gap="md" mt={4}>
                {ROLES.map((role) => (
                  <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t('directory.party')}
                data={[options.none(t('account.noParty')), ...options.parties]}
                {...form.getInputProps('partyCode')}
                onChange={(event) => {
                  form.setFieldValue('partyCode', event.currentTarget.value);
                  form.setFieldValue('unitId', '');
                  form.setFieldValue('deskIds', []);
                }}
              />
              <NativeSelect
                label={t('directory.unit')}
                data={[options.none(t('admin.noUnit')), ...options.unitsOf(form.values.partyCode)]}
                {...form.getInputProps('unitId')}
              />
              <NativeSelect
                label={t('account.nationality')}
                withAsterisk
                data={[options.none(t('admin.choose')), ...nationalities]}
                {...form.getInputProps('nationality')}
              />
              <NativeSelect
                label={t('account.clearance')}
                data={levels.map((level) => ({ value: level.code, label: localised(level.names) }))}
                {...form.getInputProps('clearance')}
              />
              {user === null && (
                <NativeSelect
                  label={t('admin.users.language')}
                  data={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NATIVE_NAMES[locale] }))}
                  {...form.getInputProps('language')}
                />
              )}
            </SimpleGrid>
            <MultiSelect
              label={t('directory.desks')}
              description={t('admin.users.desksHint')}
              data={options.desks((desk) => desk.partyCode === form.values.partyCode)}
              searchable
              {...form.getInputProps('deskIds')}
            />
            <MultiSelect
              label={t('admin.users.groups')}
              data={options.groups}
              searchable
              {...form.getInputProps('groupIds')}
            />
          </>
        );
      }}
    </EditorModal>
  );
}
