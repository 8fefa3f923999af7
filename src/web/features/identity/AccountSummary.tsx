import { Badge, DataList, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../core/identity/schemas';
import { currentLocale } from '../../app/i18n';
import { useLevel } from '../../lib/deployment';
import { useLocalised } from '../../lib/use-localised';

/** The clearance as the deployment's scheme names it in the user's language; the code until it loads. */
function ClearanceName({ code }: { code: string }) {
  const localised = useLocalised();
  const level = useLevel(code);
  return <>{level ? localised(level.names) : code}</>;
}

/** Who the signed-in user is, as the server knows them. Nothing here is invented. */
export function AccountSummary({ user }: { user: UserDto }) {
  const { t, i18n } = useTranslation();
  const partyName = user.party?.names[currentLocale(i18n.language)];
  return (
    <DataList labelWidth={150} withDivider>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.displayName')}</DataList.ItemLabel>
        <DataList.ItemValue>
          <Text span inherit dir="auto">
            {user.displayName}
          </Text>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.username')}</DataList.ItemLabel>
        <DataList.ItemValue>
          <Text span inherit dir="ltr">
            {user.username}
          </Text>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.roles')}</DataList.ItemLabel>
        <DataList.ItemValue>
          {user.roles.length ? (
            <Group gap={6}>
              {user.roles.map((role) => (
                <Badge key={role} variant="light" color="gray" radius="sm" tt="none">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
          ) : (
            t('account.noRoles')
          )}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.party')}</DataList.ItemLabel>
        <DataList.ItemValue>
          {partyName ? (
            <Text span inherit dir="auto">
              {partyName}
            </Text>
          ) : (
            t('account.noParty')
          )}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.nationality')}</DataList.ItemLabel>
        <DataList.ItemValue>
          {/* The ISO 3166 code, as the server holds it: country names are deployment configuration. */}
          <Text span inherit dir="ltr">
            {user.nationality}
          </Text>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.clearance')}</DataList.ItemLabel>
        <DataList.ItemValue>
          <ClearanceName code={user.clearance} />
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('account.twoStep')}</DataList.ItemLabel>
        <DataList.ItemValue>
          {user.totpEnabled ? t('account.twoStepOn') : t('account.twoStepOff')}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
