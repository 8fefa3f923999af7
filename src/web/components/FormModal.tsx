import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../lib/errors';

/**
 * A form in a dialog: its fields, the error that belongs to no field, and
 * Cancel / Save. Built from Modal's parts, like ConfirmModal, so its header
 * is no second banner landmark.
 */
export function FormModal({
  title,
  onClose,
  onSubmit,
  submitLabel,
  loading,
  error,
  size = 'lg',
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: ReactNode;
  loading: boolean;
  error: unknown;
  size?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened onClose={onClose} size={size} centered>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title fw={650}>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              {children}
              <ErrorAlert error={error} />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={loading}>
                  {submitLabel}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
