import { Badge, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyDto, UnitDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { emptyNames, NamesInput, namesRequired } from '../../components/NamesInput';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { api } from '../../lib/api';
import { useLocalised } from '../../lib/use-localised';
import { type Directory, useDirectory } from '../directory/api';
import classes from './admin.module.css';
import { CodeInput, codeRule } from './CodeInput';
import { DeleteEntry } from './DeleteEntry';
import { EditorModal } from './EditorModal';
import { useOptions } from './options';

/** What the form is for: a new unit (at the top of a party's tree, or under a parent), or an existing one. */
type Editing = { unit: UnitDto } | { partyCode: string; parentId: string | null };

/** Organisational units as a tree per party: add a unit under any other, rename, move or delete. */
export function UnitsAdmin() {
  const directory = useDirectory();
  return <Loaded {...directory}>{(data) => <Units directory={data} />}</Loaded>;
}

function Units({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <>
      <Text c="dimmed" maw={680}>
        {t('admin.units.description')}
      </Text>
      {directory.parties.map((party) => (
        <Section key={party.code} id={`units-${party.code}`} title={localised(party.names)}>
          <Stack gap="xs" mt="sm">
            <UnitBranch directory={directory} party={party} parentId={null} onEdit={setEditing} />
            <Button
              variant="light"
              w="fit-content"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ partyCode: party.code, parentId: null })}
            >
              {t('admin.units.addTop', { party: localised(party.names) })}
            </Button>
          </Stack>
        </Section>
      ))}
      {editing && <UnitForm editing={editing} directory={directory} onClose={() => setEditing(null)} />}
    </>
  );
}

function UnitBranch({
  directory,
  party,
  parentId,
  onEdit,
}: {
  directory: Directory;
  party: PartyDto;
  parentId: string | null;
  onEdit: (editing: Editing) => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const units = directory.units.filter((unit) => unit.partyCode === party.code && unit.parentId === parentId);
  if (units.length === 0) return null;
  return (
    <ul className={classes.tree}>
      {units.map((unit) => {
        const name = localised(unit.names);
        return (
          <li key={unit.id}>
            <Group gap="xs" wrap="wrap">
              <Text fw={500}>{name}</Text>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                <span dir="auto">{unit.kind}</span>
              </Badge>
              <Group gap={2}>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => onEdit({ partyCode: party.code, parentId: unit.id })}
                  aria-label={t('admin.units.addChildOf', { name })}
                >
                  {t('admin.units.addChild')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => onEdit({ unit })}
                  aria-label={t('admin.editNamed', { name })}
                >
                  {t('admin.units.rename')}
                </Button>
                <DeleteEntry path={`/api/directory/units/${unit.id}`} name={name} />
              </Group>
            </Group>
            <UnitBranch directory={directory} party={party} parentId={unit.id} onEdit={onEdit} />
          </li>
        );
      })}
    </ul>
  );
}

function UnitForm({
  editing,
  directory,
  onClose,
}: {
  editing: Editing;
  directory: Directory;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const options = useOptions(directory);
  const unit = 'unit' in editing ? editing.unit : null;
  const partyCode = unit?.partyCode ?? ('partyCode' in editing ? editing.partyCode : '');
  return (
    <EditorModal
      title={unit ? t('admin.units.edit') : t('admin.units.add')}
      initialValues={{
        code: unit?.code ?? '',
        kind: unit?.kind ?? 'unit',
        parentId: (unit ? unit.parentId : 'parentId' in editing ? editing.parentId : null) ?? '',
        names: unit?.names ?? emptyNames(),
      }}
      validate={{ code: codeRule, names: namesRequired(<T i18nKey="admin.nameRequired" />) }}
      save={({ code, parentId, ...rest }) => {
        const body = { ...rest, parentId: parentId || null };
        return unit
          ? api.patch(`/api/directory/units/${unit.id}`, body)
          : api.post('/api/directory/units', { ...body, code, partyCode });
      }}
      savedMessage={t('admin.saved')}
      onClose={onClose}
    >
      {(form) => (
        <>
          <CodeInput disabled={unit !== null} {...form.getInputProps('code')} />
          <NamesInput form={form} />
          <TextInput
            label={t('admin.units.kind')}
            description={t('admin.units.kindHint')}
            dir="auto"
            maxLength={40}
            {...form.getInputProps('kind')}
          />
          <NativeSelect
            label={t('admin.units.parent')}
            data={[options.none(t('admin.units.topLevel')), ...options.unitsOf(partyCode, unit?.id)]}
            {...form.getInputProps('parentId')}
          />
        </>
      )}
    </EditorModal>
  );
}
