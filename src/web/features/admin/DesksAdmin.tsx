import { NativeSelect, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDto } from '../../../core/directory/schemas';
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

/** Liaison desks: a party's duty desk for a district, paired with the other party's desk there. */
export function DesksAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Desks directory={data} />}</Loaded>;
}

function Desks({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState<DeskDto | 'new' | null>(null);
  const nameOf = (desk: DeskDto) => localised(desk.names);
  const deskName = (id: string | null) => {
    const desk = directory.desks.find((candidate) => candidate.id === id);
    return desk ? nameOf(desk) : '—';
  };
  const districtName = (id: string | null) => {
    const district = directory.districts.find((candidate) => candidate.id === id);
    return district ? localised(district.names) : t('directory.wholeDeployment');
  };
  return (
    <>
      <AdminIntro
        description={t('admin.desks.description')}
        addLabel={t('admin.desks.add')}
        onAdd={() => setEditing('new')}
      />
      <EntityTable
        rows={directory.desks}
        nameOf={nameOf}
        onEdit={setEditing}
        minWidth={900}
        actions={(desk) => <DeleteEntry path={`/api/directory/desks/${desk.id}`} name={nameOf(desk)} />}
        columns={[
          { header: t('admin.name'), cell: nameOf },
          {
            header: t('directory.party'),
            cell: (desk) => (
              <PartyName party={directory.parties.find((party) => party.code === desk.partyCode)} />
            ),
          },
          { header: t('directory.district'), cell: (desk) => districtName(desk.districtId) },
          { header: t('directory.counterpart'), cell: (desk) => deskName(desk.counterpartId) },
          {
            header: t('admin.desks.phone'),
            cell: (desk) => (
              <Text span size="sm" dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                {desk.phone ?? ''}
              </Text>
            ),
          },
        ]}
      />
      {editing && (
        <DeskForm
          desk={editing === 'new' ? null : editing}
          directory={directory}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function DeskForm({
  desk,
  directory,
  onClose,
}: {
  desk: DeskDto | null;
  directory: Directory;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const options = useOptions(directory);
  return (
    <EditorModal
      title={desk ? t('admin.desks.edit') : t('admin.desks.add')}
      initialValues={{
        code: desk?.code ?? '',
        partyCode: desk?.partyCode ?? '',
        districtId: desk?.districtId ?? '',
        unitId: desk?.unitId ?? '',
        counterpartId: desk?.counterpartId ?? '',
        phone: desk?.phone ?? '',
        names: desk?.names ?? emptyNames(),
      }}
      validate={{
        code: codeRule,
        partyCode: (value) => (value ? null : <T i18nKey="admin.partyRequired" />),
        names: namesRequired(<T i18nKey="admin.nameRequired" />),
      }}
      save={({ code, partyCode, districtId, unitId, counterpartId, phone, names }) => {
        const body = {
          names,
          districtId: districtId || null,
          unitId: unitId || null,
          counterpartId: counterpartId || null,
          phone: phone.trim() || null,
        };
        return desk
          ? api.patch(`/api/directory/desks/${desk.id}`, body)
          : api.post('/api/directory/desks', { ...body, code, partyCode });
      }}
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => {
        const { partyCode, districtId } = form.values;
        // The counterpart is another party's desk for the same district (the server insists too).
        const counterparts = options.desks(
          (other) =>
            other.id !== desk?.id && other.partyCode !== partyCode && (other.districtId ?? '') === districtId,
        );
        const changeAndUnpair =
          (field: 'partyCode' | 'districtId') => (event: React.ChangeEvent<HTMLSelectElement>) => {
            form.setFieldValue(field, event.currentTarget.value);
            form.setFieldValue('counterpartId', '');
            if (field === 'partyCode') form.setFieldValue('unitId', '');
          };
        return (
          <>
            <CodeInput disabled={desk !== null} {...form.getInputProps('code')} />
            <NamesInput form={form} />
            <NativeSelect
              label={t('directory.party')}
              withAsterisk
              disabled={desk !== null}
              data={[options.none(t('admin.choose')), ...options.parties]}
              {...form.getInputProps('partyCode')}
              onChange={changeAndUnpair('partyCode')}
            />
            <NativeSelect
              label={t('directory.district')}
              data={[options.none(t('directory.wholeDeployment')), ...options.districts]}
              {...form.getInputProps('districtId')}
              onChange={changeAndUnpair('districtId')}
            />
            <NativeSelect
              label={t('directory.unit')}
              data={[options.none(t('admin.noUnit')), ...options.unitsOf(partyCode)]}
              {...form.getInputProps('unitId')}
            />
            <NativeSelect
              label={t('directory.counterpart')}
              description={t('admin.desks.counterpartHint')}
              data={[options.none(t('directory.noCounterpart')), ...counterparts]}
              {...form.getInputProps('counterpartId')}
            />
            <TextInput
              label={t('admin.desks.phone')}
              type="tel"
              dir="ltr"
              maxLength={40}
              {...form.getInputProps('phone')}
            />
          </>
        );
      }}
    </EditorModal>
  );
}
