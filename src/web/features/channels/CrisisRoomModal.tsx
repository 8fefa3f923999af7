import { MultiSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DirectoryUserDto } from '../../../core/directory/schemas';
import { FormModal } from '../../components/FormModal';
import { useDirectoryList } from '../directory/api';
import { useSignedInMe } from '../identity/api';
import { typedDirection } from '../reports/parts';
import { useCreateChannel } from './api';

/** The people a channel can take, as the pickers show them: name, username and party. */
export function personOptions(users: DirectoryUserDto[] | undefined, exclude: ReadonlySet<string>) {
  return (users ?? [])
    .filter((user) => !exclude.has(user.id))
    .map((user) => ({
      value: user.id,
      label: `${user.displayName} (${user.username}${user.partyCode ? ` · ${user.partyCode}` : ''})`,
    }));
}

/** A coordinator opens a crisis room for an escalation and invites people from each party. */
export function CrisisRoomModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInMe().user;
  const users = useDirectoryList('users');
  const create = useCreateChannel();
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [nameMissing, setNameMissing] = useState(false);
  return (
    <FormModal
      title={t('channels.crisis.open')}
      submitLabel={t('channels.crisis.submit')}
      onClose={onClose}
      loading={create.isPending}
      error={create.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return setNameMissing(true);
        create.mutate(
          { kind: 'crisis', name: name.trim(), memberIds },
          { onSuccess: (channel) => navigate(`/channels/${encodeURIComponent(channel.id)}`) },
        );
      }}
    >
      <TextInput
        label={t('channels.crisis.name')}
        required
        value={name}
        ref={typedDirection}
        maxLength={200}
        error={nameMissing ? t('channels.crisis.nameRequired') : undefined}
        onChange={(event) => {
          setName(event.currentTarget.value);
          setNameMissing(false);
        }}
        data-autofocus
      />
      <MultiSelect
        label={t('channels.crisis.members')}
        description={t('channels.crisis.membersHint')}
        data={personOptions(users.data, new Set([me.id]))}
        value={memberIds}
        onChange={setMemberIds}
        searchable
        clearable
        nothingFoundMessage={t('channels.crisis.nobody')}
        comboboxProps={{ withinPortal: true }}
      />
    </FormModal>
  );
}
