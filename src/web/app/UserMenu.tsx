import { Avatar, Box, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import classes from '../components/layout.module.css';
import { useLogout, useSignedInMe } from '../features/identity/api';
import { currentLocale } from './i18n';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedInMe();
  const logout = useLogout();
  const partyName = user.party?.names[currentLocale(i18n.language)] ?? null;

  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <UnstyledButton
          className={classes.userButton}
          aria-label={t('shell.account', { name: user.displayName })}
        >
          <Avatar name={user.displayName} color="blue" variant="filled" radius="xl" size={34} aria-hidden />
          <Box visibleFrom="sm" className={classes.userText}>
            <Text size="sm" fw={600} truncate>
              <span dir="auto">{user.displayName}</span>
            </Text>
            {partyName && (
              <Text size="xs" c="dimmed" truncate>
                <span dir="auto">{partyName}</span>
              </Text>
            )}
          </Box>
          <IconChevronDown size={16} aria-hidden />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py="xs">
          <Text size="sm" fw={600}>
            <span dir="auto">{user.displayName}</span>
          </Text>
          {partyName && (
            <Text size="xs" c="dimmed">
              <span dir="auto">{partyName}</span>
            </Text>
          )}
        </Box>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => logout.mutate()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
