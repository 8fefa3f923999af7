import { Badge, Checkbox, Group, MultiSelect, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { emptyNames, NamesInput, namesRequired } from '../../components/NamesInput';
import { PartyName } from '../../components/PartyName';
import { T } from '../../components/T';
import { api } from '../../lib/api';
import { useLocalised } from '../../lib/use-localised';
import { type Directory, useDirectory } from '../directory/api';
import { AdminIntro } from './AdminSection';
import { CodeInput, codeRule } from './CodeInput';
import { DeleteEntry } from './DeleteEntry';
import { EditorModal } from './EditorModal';
import { EntityTable } from './EntityTable';
import { useOptions } from './options';

const KINDS = ['working-group', 'need-to-know'] as const;

/** Working groups and need-to-know groups: their parties and members. */
export function GroupsAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Groups directory={data} />}</Loaded>;
}

function Groups({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState<GroupDto | 'new' | null>(null);
  const nameOf = (group: GroupDto) => localised(group.names);
  return (
    <>
      <AdminIntro
        description={t('admin.groups.description')}
        addLabel={t('admin.groups.add')}
        onAdd={() => setEditing('new')}
      />
      <EntityTable
        rows={directory.groups}
        nameOf={nameOf}
        onEdit={setEditing}
        actions={(group) => <DeleteEntry path={`/api/directory/groups/${group.id}`} name={nameOf(group)} />}
        columns={[
          { header: t('admin.name'), cell: nameOf },
          { header: t('admin.groups.kind'), cell: (group) => t(`admin.groups.kinds.${group.kind}`) },
          {
            header: t('admin.groups.parties'),
            cell: (group) => (
              <Group gap="sm">
                {group.parties.map((code) => (
                  <PartyName key={code} party={directory.parties.find((party) => party.code === code)} />
                ))}
              </Group>
            ),
          },
          {
            header: t('admin.groups.members'),
            cell: (group) => (
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {t('directory.memberCount', { count: group.memberIds.length })}
              </Badge>
            ),
          },
        ]}
      />
      {editing && (
        <GroupForm
          group={editing === 'new' ? null : editing}
          directory={directory}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function GroupForm({
  group,
  directory,
  onClose,
}: {
  group: GroupDto | null;
  directory: Directory;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const options = useOptions(directory);
  return (
    <EditorModal
      title={group ? t('admin.groups.edit') : t('admin.groups.add')}
      initialValues={{
        code: group?.code ?? '',
        kind: group?.kind ?? 'working-group',
        names: group?.names ?? emptyNames(),
        parties: group?.parties ?? [],
        memberIds: group?.memberIds ?? [],
      }}
      validate={{ code: codeRule, names: namesRequired(<T i18nKey="admin.nameRequired" />) }}
      save={({ code, kind, ...rest }) =>
        group
          ? api.patch(`/api/directory/groups/${group.id}`, rest)
          : api.post('/api/directory/groups', { ...rest, code, kind })
      }
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => (
        <>
          <CodeInput disabled={group !== null} {...form.getInputProps('code')} />
          <NamesInput form={form} />
          <NativeSelect
            label={t('admin.groups.kind')}
            disabled={group !== null}
            data={KINDS.map((kind) => ({ value: kind, label: t(`admin.groups.kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <Checkbox.Group
            label={t('admin.groups.parties')}
            description={t('admin.groups.partiesHint')}
            {...form.getInputProps('parties')}
          >
            <Group gap="md" mt={4}>
              {directory.parties.map((party) => (
                <Checkbox key={party.code} value={party.code} label={localised(party.names)} />
              ))}
            </Group>
          </Checkbox.Group>
          <MultiSelect
            label={t('admin.groups.members')}
            data={options.users}
            searchable
            {...form.getInputProps('memberIds')}
          />
        </>
      )}
    </EditorModal>
  );
}
