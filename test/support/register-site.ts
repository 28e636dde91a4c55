import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, startTestSite, type TestSite } from './local-site.js';

/**
 * A provisioned test site for the register import and export: two förvaltningar, Anna as staff
 * (who may read the register but not change it), and a temporary folder for files.
 */
export async function startRegisterSite(
  prefix: string,
  users: { upn: string; displayName: string }[],
): Promise<{ site: TestSite; dir: string; close(): Promise<void> }> {
  const site = await startTestSite({ users });
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const repos = site.reposAs(ADMIN);
  await repos.departments.addMany([
    { title: 'Socialförvaltningen', code: 'SOF' },
    { title: 'Barn- och utbildningsförvaltningen', code: 'BUF' },
  ]);
  await repos.groups.addMembers('employees', ['anna@exempelkommun.se']);
  return {
    site,
    dir,
    async close() {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
