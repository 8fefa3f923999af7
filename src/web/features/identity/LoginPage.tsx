import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../../app/guards';
import { FullPageLoader } from '../../components/FullPageLoader';
import { PasswordField } from '../../components/PasswordField';
import { PublicLayout } from '../../components/PublicLayout';
import { T } from '../../components/T';
import { TotpCodeInput } from '../../components/TotpCodeInput';
import { isApiError } from '../../lib/api';
import { isSixDigitCode, normaliseCode } from '../../lib/digits';
import { ErrorAlert } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useLogin, useMe } from './api';

type Step = 'password' | 'totp';

export default function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const { data: me, isPending } = useMe();
  const login = useLogin();
  const [step, setStep] = useState<Step>('password');
  const codeRef = useRef<HTMLInputElement>(null);

  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', password: '', totp: '' },
    validate: {
      username: (value) => (value.trim() ? null : <T i18nKey="login.usernameRequired" />),
      password: (value) => (value ? null : <T i18nKey="login.passwordRequired" />),
      totp: (value) => (step !== 'totp' || isSixDigitCode(value) ? null : <T i18nKey="totp.codeInvalid" />),
    },
  });

  useEffect(() => {
    if (step === 'totp') codeRef.current?.focus();
  }, [step]);

  if (me) return <Navigate to={next} replace />;
  if (isPending) return <FullPageLoader />;

  const submit = form.onSubmit((values) => {
    login.mutate(
      {
        username: values.username.trim(),
        password: values.password,
        ...(step === 'totp' ? { totp: normaliseCode(values.totp) } : {}),
      },
      {
        onError: (error) => {
          if (isApiError(error, 'totp_required')) {
            login.reset();
            setStep('totp');
          } else if (isApiError(error, 'invalid_totp')) {
            form.setFieldValue('totp', '');
            codeRef.current?.focus();
          }
        },
      },
    );
  });

  const startOver = () => {
    login.reset();
    form.setValues({ password: '', totp: '' });
    setStep('password');
  };

  // "Code required" is the next step, not an error; everything else is said above the button.
  const error = login.error && !isApiError(login.error, 'totp_required') ? login.error : null;

  return (
    <PublicLayout>
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('login.subtitle')}
              </Text>
            </div>

            {step === 'password' ? (
              <>
                <TextInput
                  label={t('login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  autoCorrect="off"
                  spellCheck={false}
                  dir="auto"
                  {...form.getInputProps('username')}
                />
                <PasswordField
                  label={t('login.password')}
                  autoComplete="current-password"
                  {...form.getInputProps('password')}
                />
              </>
            ) : (
              <>
                <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden />} role="status">
                  <Trans
                    i18nKey="login.totpStep"
                    values={{ username: form.values.username.trim() }}
                    components={{ bdi: <bdi /> }}
                  />
                </Alert>
                <TotpCodeInput
                  ref={codeRef}
                  description={t('login.totpHint')}
                  {...form.getInputProps('totp')}
                />
              </>
            )}

            <ErrorAlert error={error} />

            <Button type="submit" loading={login.isPending} fullWidth>
              {step === 'password' ? t('login.submit') : t('login.verify')}
            </Button>
            {step === 'totp' && (
              <Button type="button" variant="subtle" onClick={startOver} fullWidth>
                {t('login.startOver')}
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </PublicLayout>
  );
}
