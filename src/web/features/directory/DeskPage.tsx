import { Anchor, DataList, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DeskDto } from '../../../core/directory/schemas';
import { Loaded } from '../../components/Loaded';
import { PartyName } from '../../components/PartyName';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { type Directory, type RosterDto, useDirectory, useRoster } from './api';
import { OnDuty, PhoneLink } from './DeskCard';
import { HandoverNotesSection } from './HandoverNotesSection';
import { ShiftsSection } from './ShiftsSection';

export default function DeskPage() {
  const { id = '' } = useParams();
  const directory = useDirectory();
  const roster = useRoster(id);
  const ready =
    directory.data && roster.data ? { directory: directory.data, roster: roster.data } : undefined;
  return (
    <Loaded data={ready} error={directory.error ?? roster.error} refetch={() => void roster.refetch()}>
      {({ directory, roster }) => <DeskView directory={directory} desk={roster.desk} roster={roster} />}
    </Loaded>
  );
}

function DeskView({ directory, desk, roster }: { directory: Directory; desk: DeskDto; roster: RosterDto }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const name = localised(desk.names);
  usePageTitle(name);

  // The server states what the caller may do here; the page offers exactly that.
  const mayManageRoster = desk.actions.keepRoster;
  const mayWriteNotes = desk.actions.writeHandoverNotes;
  const party = directory.parties.find((candidate) => candidate.code === desk.partyCode);
  const district = directory.districts.find((candidate) => candidate.id === desk.districtId);
  const unit = directory.units.find((candidate) => candidate.id === desk.unitId);
  const counterpart = directory.desks.find((candidate) => candidate.id === desk.counterpartId);

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to="/directory" size="sm">
          {t('directory.backToDirectory')}
        </Anchor>
        <Title order={1} mt={4}>
          {name}
        </Title>
        <Group gap="md" mt={4}>
          <PartyName party={party} />
          {desk.phone && <PhoneLink phone={desk.phone} />}
        </Group>
      </div>
      <DataList labelWidth={160} withDivider>
        <DataList.Item>
          <DataList.ItemLabel>{t('directory.district')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {district ? localised(district.names) : t('directory.wholeDeployment')}
          </DataList.ItemValue>
        </DataList.Item>
        {unit && (
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.unit')}</DataList.ItemLabel>
            <DataList.ItemValue>{localised(unit.names)}</DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel>{t('directory.counterpart')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {counterpart ? (
              <Stack gap={4}>
                <Anchor component={Link} to={`/directory/desks/${counterpart.id}`}>
                  {localised(counterpart.names)}
                </Anchor>
                <OnDuty desk={counterpart} />
              </Stack>
            ) : (
              t('directory.noCounterpart')
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('directory.duty')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <OnDuty desk={desk} />
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <ShiftsSection desk={desk} shifts={roster.shifts} directory={directory} mayManage={mayManageRoster} />
      <HandoverNotesSection
        desk={desk}
        notes={roster.handoverNotes}
        parties={directory.parties}
        mayWrite={mayWriteNotes}
      />
    </Stack>
  );
}
