import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      deploymentName: 'concord',
      auditKeyFile: 'data/audit-signing-key.pem',
      demo: true,
      bodyLimit: 1024 * 1024,
      totpRequiredForPrivilegedRoles: false,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://concord@db:5432/concord',
      CONCORD_DATA_DIR: '/var/lib/concord',
      CONCORD_DEMO: '0',
      CONCORD_DEMO_PASSWORD: 'a-long-demo-password',
      SMTP_URL: 'smtp://mail.example.org:587',
      CONCORD_MAIL_FROM: 'Concord <concord@ussc.example>',
      CONCORD_PUBLIC_URL: 'https://concord.ussc.example/',
      CONCORD_TOTP_REQUIRED: 'yes',
      CONCORD_DEPLOYMENT_NAME: 'ussc-hebron',
      CONCORD_AUDIT_KEY_FILE: '/etc/concord/audit.pem',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://concord@db:5432/concord',
      dataDir: '/var/lib/concord',
      demo: false,
      demoPassword: 'a-long-demo-password',
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Concord <concord@ussc.example>',
      publicUrl: 'https://concord.ussc.example',
      totpRequiredForPrivilegedRoles: true,
      deploymentName: 'ussc-hebron',
      auditKeyFile: '/etc/concord/audit.pem',
    });
  });

  it('keeps the audit signing key in the data directory unless told otherwise', () => {
    expect(loadConfig({ CONCORD_DATA_DIR: '/var/lib/concord' }).auditKeyFile).toBe(
      '/var/lib/concord/audit-signing-key.pem',
    );
  });

  it('names each bad variable in its error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z', CONCORD_DEMO: 'maybe', SMTP_URL: 'mail' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'CONCORD_DEMO', 'SMTP_URL'])
        expect(message).toContain(name);
    }
  });

  it('sends e-mail from concord@localhost, with path-only links, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ mailFrom: 'concord@localhost', publicUrl: undefined });
  });

  it('refuses a From address that could smuggle in headers, and a public URL that is not http(s)', () => {
    expect(() => loadConfig({ CONCORD_MAIL_FROM: 'a@b\r\nBcc: x@y' })).toThrow(/CONCORD_MAIL_FROM/);
    expect(() => loadConfig({ CONCORD_MAIL_FROM: 'nobody' })).toThrow(/CONCORD_MAIL_FROM/);
    expect(() => loadConfig({ CONCORD_PUBLIC_URL: 'ftp://concord.example' })).toThrow(/CONCORD_PUBLIC_URL/);
  });

  it('refuses a demo password the policy would refuse', () => {
    expect(() => loadConfig({ CONCORD_DEMO_PASSWORD: 'short' })).toThrow(/CONCORD_DEMO_PASSWORD/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });
});
