import { Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useInvalidateDirectory } from '../directory/api';

/**
 * A Delete button that asks first. The server refuses (409 in_use) to delete
 * what something still uses; that answer is shown in the dialog.
 */
export function DeleteEntry({ path, name }: { path: string; name: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const invalidate = useInvalidateDirectory();
  const remove = useMutation({ mutationFn: () => api.delete(path) });
  const close = () => {
    remove.reset();
    setOpened(false);
  };
  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: async () => {
        await invalidate();
        notify('green', t('admin.deleted', { name }));
        close();
      },
    });
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        onClick={() => setOpened(true)}
        aria-label={t('admin.deleteNamed', { name })}
      >
        {t('common.delete')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={t('admin.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={confirm}
        loading={remove.isPending}
      >
        <Text>
          <Trans i18nKey="admin.deleteBody" values={{ name }} components={{ bdi: <bdi /> }} />
        </Text>
        <ErrorAlert error={remove.error} />
      </ConfirmModal>
    </>
  );
}
