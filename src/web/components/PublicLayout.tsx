import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageMenu } from './LanguageMenu';
import classes from './layout.module.css';
import { MAIN_ID, SkipLink } from './SkipLink';

/** The frame of pages shown before sign-in: the product name, the language menu, the page. */
export function PublicLayout({ children, size = 420 }: { children: ReactNode; size?: number }) {
  return (
    <>
      <SkipLink />
      <Box component="header" className={classes.publicHeader}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Link to="/" className={classes.brand}>
            Concord
          </Link>
          <LanguageMenu />
        </Group>
      </Box>
      <Box component="main" id={MAIN_ID} tabIndex={-1} className={`${classes.publicMain} ${classes.main}`}>
        <Container size={size} px={0}>
          {children}
        </Container>
      </Box>
    </>
  );
}
