import { Badge, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { TotpCodeInput } from '../../components/TotpCodeInput';
import { isApiError } from '../../lib/api';
import { isSixDigitCode, normaliseCode } from '../../lib/digits';
import { ErrorAlert, ErrorText } from '../../lib/errors';
import { notify } from '../../lib/notify';
import {
  type TotpEnrolment,
  useBeginTotpEnrolment,
  useConfirmTotp,
  useDisableTotp,
  useSignedInMe,
} from './api';
import classes from './totp.module.css';

/** The secret in groups of four, as authenticator apps show it, easier to type by hand. */
const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function TotpSection() {
  const { t } = useTranslation();
  const { user, mustEnrolTotp } = useSignedInMe();
  return (
    <Section
      id="two-step"
      title={t('totp.title')}
      description={mustEnrolTotp ? t('totp.requiredDescription') : t('totp.description')}
    >
      {user.totpEnabled ? <TotpEnabled /> : <TotpEnrol />}
    </Section>
  );
}

function TotpEnrol() {
  const { t } = useTranslation();
  const begin = useBeginTotpEnrolment();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);

  if (enrolment) return <TotpConfirm enrolment={enrolment} onCancel={() => setEnrolment(null)} />;

  return (
    <Stack gap="sm" mt="md">
      <TotpStatus on={false} />
      <ErrorAlert error={begin.error} />
      <Group>
        <Button
          loading={begin.isPending}
          onClick={() => begin.mutate(undefined, { onSuccess: (started) => setEnrolment(started) })}
        >
          {t('totp.setUp')}
        </Button>
      </Group>
    </Stack>
  );
}

function TotpConfirm({ enrolment, onCancel }: { enrolment: TotpEnrolment; onCancel: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmTotp();
  const codeRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (isSixDigitCode(value) ? null : <T i18nKey="totp.codeInvalid" />) },
  });

  useEffect(() => {
    codeRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const submit = form.onSubmit(({ code }) => {
    confirm.mutate(normaliseCode(code), {
      onSuccess: () => notify('green', t('totp.enabled')),
      onError: (error) => {
        if (isApiError(error, 'invalid_totp')) {
          form.setFieldError('code', <ErrorText error={error} />);
          confirm.reset();
          codeRef.current?.focus();
        }
      },
    });
  });

  return (
    <ol className={classes.steps}>
      <li>
        <Text mt="md">{t('totp.stepScan')}</Text>
        <img
          src={enrolment.qrCodeDataUrl}
          alt={t('totp.qrAlt')}
          className={classes.qr}
          width={200}
          height={200}
        />
      </li>
      <li>
        <Text>{t('totp.stepManual')}</Text>
        <Group gap="xs" mt={4} wrap="nowrap" align="center">
          <Code className={classes.secret} dir="ltr" translate="no">
            {groupSecret(enrolment.secret)}
          </Code>
          <CopyButton value={enrolment.secret}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? t('common.copied') : t('totp.copyKey')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </li>
      <li>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={320}>
            <TotpCodeInput ref={codeRef} description={t('totp.stepCode')} {...form.getInputProps('code')} />
            <ErrorAlert error={confirm.error} />
            <Group>
              <Button type="submit" loading={confirm.isPending}>
                {t('totp.confirm')}
              </Button>
              <Button type="button" variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </li>
    </ol>
  );
}

function TotpEnabled() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const [confirming, setConfirming] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : <T i18nKey="password.currentRequired" />) },
  });

  useEffect(() => {
    if (confirming) passwordRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    form.reset();
    disable.reset();
  };

  const submit = form.onSubmit(({ password }) => {
    disable.mutate(password, {
      onSuccess: () => notify('green', t('totp.disabled')),
      onError: (error) => {
        if (isApiError(error, 'wrong_current_password')) {
          form.setFieldError('password', <ErrorText error={error} />);
          disable.reset();
        }
      },
    });
  });

  return (
    <Stack gap="sm" mt="md">
      <TotpStatus on={true} />
      {confirming ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={420}>
            <PasswordField
              ref={passwordRef}
              label={t('password.current')}
              description={t('totp.turnOffHint')}
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            <ErrorAlert error={disable.error} />
            <Group>
              <Button type="submit" color="red" loading={disable.isPending}>
                {t('totp.turnOffConfirm')}
              </Button>
              <Button type="button" variant="default" onClick={cancel}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group>
          <Button variant="default" onClick={() => setConfirming(true)}>
            {t('totp.turnOff')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function TotpStatus({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Badge color={on ? 'green' : 'gray'} variant="light">
        {t(on ? 'totp.statusOn' : 'totp.statusOff')}
      </Badge>
    </Group>
  );
}
