import { Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../lib/errors';
import { FullPageLoader } from './FullPageLoader';

/** Renders its children with the data once it has arrived; until then a loader, or the error with a retry. */
export function Loaded<T>({
  data,
  error,
  refetch,
  children,
}: {
  data: T | undefined;
  error: unknown;
  refetch?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (data !== undefined) return <>{children(data)}</>;
  if (!error) return <FullPageLoader />;
  return (
    <Stack gap="sm" maw={640}>
      <ErrorAlert error={error} />
      {refetch && (
        <Button variant="default" w="fit-content" onClick={() => refetch()}>
          {t('common.tryAgain')}
        </Button>
      )}
    </Stack>
  );
}
