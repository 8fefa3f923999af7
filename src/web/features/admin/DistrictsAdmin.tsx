import { Badge, NativeSelect, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_KINDS } from '../../../core/directory/places';
import type { DistrictDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { emptyNames, NamesInput, namesRequired } from '../../components/NamesInput';
import { T } from '../../components/T';
import { api } from '../../lib/api';
import { useLocalised } from '../../lib/use-localised';
import { type Directory, useDirectory } from '../directory/api';
import { KIND_LABEL_ONE } from '../map/kind-labels';
import { AdminIntro } from './AdminSection';
import { CodeInput, codeRule } from './CodeInput';
import { DeleteEntry } from './DeleteEntry';
import { EditorModal } from './EditorModal';
import { EntityTable } from './EntityTable';
import { districtTree } from './options';

/** The gazetteer: districts and their areas, with names in three languages, status and other spellings. */
export function DistrictsAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Districts directory={data} />}</Loaded>;
}

function Districts({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState<DistrictDto | 'new' | null>(null);
  const rows = districtTree(directory.districts).map(({ district }) => district);
  const nameOf = (district: DistrictDto) => localised(district.names);
  const parentOf = (district: DistrictDto) =>
    directory.districts.find((parent) => parent.id === district.parentId);
  return (
    <>
      <AdminIntro
        description={t('admin.districts.description')}
        addLabel={t('admin.districts.add')}
        onAdd={() => setEditing('new')}
      />
      <EntityTable
        rows={rows}
        nameOf={nameOf}
        onEdit={setEditing}
        actions={(district) => (
          <DeleteEntry path={`/api/directory/districts/${district.id}`} name={nameOf(district)} />
        )}
        columns={[
          {
            header: t('admin.name'),
            cell: (district) => {
              const parent = parentOf(district);
              return parent ? `${nameOf(parent)} › ${nameOf(district)}` : nameOf(district);
            },
          },
          { header: t('admin.code'), cell: (district) => <span dir="ltr">{district.code}</span> },
          {
            header: t('admin.districts.status'),
            cell: (district) =>
              district.status && (
                <Badge variant="light" color="gray" radius="sm" tt="none">
                  <span dir="auto">{district.status}</span>
                </Badge>
              ),
          },
          {
            header: t('admin.districts.aliases'),
            cell: (district) => <span dir="auto">{district.aliases.join(' · ')}</span>,
          },
        ]}
      />
      {editing && (
        <DistrictForm
          district={editing === 'new' ? null : editing}
          directory={directory}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function DistrictForm({
  district,
  directory,
  onClose,
}: {
  district: DistrictDto | null;
  directory: Directory;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const parents = directory.districts.filter(
    (candidate) => candidate.parentId === null && candidate.id !== district?.id,
  );
  return (
    <EditorModal
      title={district ? t('admin.districts.edit') : t('admin.districts.add')}
      initialValues={{
        code: district?.code ?? '',
        kind: district?.kind ?? 'governorate',
        parentId: district?.parentId ?? '',
        status: district?.status ?? '',
        aliases: district?.aliases ?? [],
        names: district?.names ?? emptyNames(),
      }}
      validate={{ code: codeRule, names: namesRequired(<T i18nKey="admin.nameRequired" />) }}
      save={({ code, parentId, ...rest }) => {
        const body = { ...rest, parentId: parentId || null };
        return district
          ? api.patch(`/api/directory/districts/${district.id}`, body)
          : api.post('/api/directory/districts', { ...body, code });
      }}
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => (
        <>
          <CodeInput disabled={district !== null} {...form.getInputProps('code')} />
          <NamesInput form={form} />
          <NativeSelect
            label={t('admin.districts.kind')}
            data={PLACE_KINDS.map((kind) => ({ value: kind, label: t(KIND_LABEL_ONE[kind]) }))}
            {...form.getInputProps('kind')}
          />
          <NativeSelect
            label={t('admin.districts.parent')}
            description={t('admin.districts.parentHint')}
            data={[
              { value: '', label: t('admin.districts.noParent') },
              ...parents.map((parent) => ({ value: parent.id, label: localised(parent.names) })),
            ]}
            {...form.getInputProps('parentId')}
          />
          <TextInput
            label={t('admin.districts.status')}
            description={t('admin.districts.statusHint')}
            dir="auto"
            maxLength={80}
            {...form.getInputProps('status')}
          />
          <TagsInput
            label={t('admin.districts.aliases')}
            description={t('admin.districts.aliasesHint')}
            dir="auto"
            {...form.getInputProps('aliases')}
          />
        </>
      )}
    </EditorModal>
  );
}
