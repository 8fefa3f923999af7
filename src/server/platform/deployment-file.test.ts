import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeploymentError } from '../../core/deployment/parse';
import { DEMO_DEPLOYMENT_FILE, loadDeploymentFile } from './deployment-file';

const dir = mkdtempSync(join(tmpdir(), 'concord-deployment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDeploymentFile', () => {
  it('loads the demo deployment from the repository', async () => {
    const deployment = await loadDeploymentFile(DEMO_DEPLOYMENT_FILE);
    expect(DEMO_DEPLOYMENT_FILE).toMatch(/\/deployments\/demo\.yaml$/);
    expect(deployment.name.en).toContain('USSC');
  });

  it('keeps the parties and demo accounts that tests and documentation rely on', async () => {
    const deployment = await loadDeploymentFile(DEMO_DEPLOYMENT_FILE);
    expect(deployment.parties.map(({ code, role }) => `${code}:${role}`)).toEqual([
      'USSC:coordinator',
      'ISF:party',
      'PASF:party',
    ]);
    const accounts = deployment.users.map(({ username, party, nationality, clearance, roles }) => ({
      username,
      party,
      nationality,
      clearance,
      roles,
    }));
    expect(accounts).toEqual(
      expect.arrayContaining([
        { username: 'admin', party: 'USSC', nationality: 'USA', clearance: 'S', roles: ['administrator'] },
        {
          username: 'coord.duty',
          party: 'USSC',
          nationality: 'USA',
          clearance: 'S',
          roles: ['coordinator', 'duty-officer'],
        },
        { username: 'coord.gbr', party: 'USSC', nationality: 'GBR', clearance: 'S', roles: ['coordinator'] },
        {
          username: 'isf.hebron',
          party: 'ISF',
          nationality: 'ISR',
          clearance: 'C',
          roles: ['officer', 'duty-officer'],
        },
        {
          username: 'isf.supervisor',
          party: 'ISF',
          nationality: 'ISR',
          clearance: 'S',
          roles: ['supervisor'],
        },
        {
          username: 'pasf.hebron',
          party: 'PASF',
          nationality: 'PSE',
          clearance: 'C',
          roles: ['officer', 'duty-officer'],
        },
        {
          username: 'pasf.supervisor',
          party: 'PASF',
          nationality: 'PSE',
          clearance: 'S',
          roles: ['supervisor'],
        },
      ]),
    );
  });

  it('says plainly when the file is missing', async () => {
    const missing = join(dir, 'nowhere.yaml');
    const failure = loadDeploymentFile(missing);
    await expect(failure).rejects.toBeInstanceOf(DeploymentError);
    await expect(failure).rejects.toThrow(`${missing}: No deployment file at ${missing}`);
  });

  it('names a file inside the working directory as the administrator typed it', async () => {
    await expect(loadDeploymentFile('deployments/missing.yaml')).rejects.toThrow(
      /^deployments\/missing\.yaml: No deployment file at \/.+\/deployments\/missing\.yaml$/,
    );
  });

  it('fails with the file, line and field of the first problem', async () => {
    const broken = join(dir, 'broken.yaml');
    const demo = readFileSync(DEMO_DEPLOYMENT_FILE, 'utf8');
    writeFileSync(broken, demo.replace('defaultLanguage: en', 'defaultLanguage: fr'));
    const line = demo.split('\n').indexOf('defaultLanguage: en') + 1;
    await expect(loadDeploymentFile(broken)).rejects.toThrow(
      `${broken}:${line}: defaultLanguage: Invalid option: expected one of "en"|"ar"|"he"`,
    );
  });
});
