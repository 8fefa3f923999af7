import { ColorInput, ColorSwatch, Group, NativeSelect, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { emptyNames, NamesInput, namesRequired } from '../../components/NamesInput';
import { T } from '../../components/T';
import { api } from '../../lib/api';
import { useLocalised } from '../../lib/use-localised';
import { type Directory, useDirectory } from '../directory/api';
import { AdminIntro } from './AdminSection';
import { CodeInput, codeRule } from './CodeInput';
import { DeleteEntry } from './DeleteEntry';
import { EditorModal } from './EditorModal';
import { EntityTable } from './EntityTable';

/** The parties of the mechanism, the coordinator among them. */
export function PartiesAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Parties directory={data} />}</Loaded>;
}

function Parties({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState<PartyDto | 'new' | null>(null);
  const nameOf = (party: PartyDto) => localised(party.names);
  return (
    <>
      <AdminIntro
        description={t('admin.parties.description')}
        addLabel={t('admin.parties.add')}
        onAdd={() => setEditing('new')}
      />
      <EntityTable
        rows={directory.parties}
        nameOf={nameOf}
        onEdit={setEditing}
        actions={(party) => (
          <DeleteEntry path={`/api/directory/parties/${party.code}`} name={nameOf(party)} />
        )}
        columns={[
          {
            header: t('admin.name'),
            cell: (party) => (
              <Group gap="xs" wrap="nowrap">
                <ColorSwatch color={party.colour} size={14} aria-hidden />
                {nameOf(party)}
              </Group>
            ),
          },
          { header: t('admin.code'), cell: (party) => <span dir="ltr">{party.code}</span> },
          { header: t('admin.parties.kind'), cell: (party) => t(`admin.parties.kinds.${party.kind}`) },
          {
            header: t('admin.parties.nationalities'),
            cell: (party) => <span dir="ltr">{party.nationalities.join(', ')}</span>,
          },
        ]}
      />
      {editing && <PartyForm party={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function PartyForm({ party, onClose }: { party: PartyDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <EditorModal
      title={party ? t('admin.parties.edit') : t('admin.parties.add')}
      initialValues={{
        code: party?.code ?? '',
        kind: party?.kind ?? 'party',
        names: party?.names ?? emptyNames(),
        colour: party?.colour ?? '#5c5f66',
        nationalities: party?.nationalities ?? [],
      }}
      validate={{ code: codeRule, names: namesRequired(<T i18nKey="admin.nameRequired" />) }}
      save={({ code, kind, ...rest }) => {
        const body = { ...rest, nationalities: rest.nationalities.map((code) => code.trim().toUpperCase()) };
        return party
          ? api.patch(`/api/directory/parties/${party.code}`, body)
          : api.post('/api/directory/parties', { ...body, code, kind });
      }}
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => (
        <>
          <CodeInput disabled={party !== null} {...form.getInputProps('code')} />
          <NamesInput form={form} />
          <NativeSelect
            label={t('admin.parties.kind')}
            disabled={party !== null}
            data={(['party', 'coordinator'] as const).map((kind) => ({
              value: kind,
              label: t(`admin.parties.kinds.${kind}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <ColorInput
            label={t('admin.parties.colour')}
            format="hex"
            withPicker={false}
            dir="ltr"
            {...form.getInputProps('colour')}
          />
          <TagsInput
            label={t('admin.parties.nationalities')}
            description={t('admin.parties.nationalitiesHint')}
            {...form.getInputProps('nationalities')}
          />
        </>
      )}
    </EditorModal>
  );
}
