/** The Graph permission scripts grant exactly the permissions the README lists. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readRepoFile, repoPath } from './bicep-text.ts';

const PERMISSION = /\b[A-Z][A-Za-z]+\.(?:Read|ReadWrite)(?:\.[A-Z][A-Za-z]+)?\.All\b/g;
const permissionsIn = (text: string): string[] => [...new Set(text.match(PERMISSION))].sort();

const bash = readRepoFile('scripts/grant-graph-permissions.sh');
const powershell = readRepoFile('scripts/grant-graph-permissions.ps1');
const bashList = /^PERMISSIONS=\(\n([\s\S]*?)\n\)$/m
  .exec(bash)![1]!
  .split('\n')
  .map((line) => line.trim());
const powershellList = [
  .../^\$permissions = @\(\n([\s\S]*?)\n\)$/m.exec(powershell)![1]!.matchAll(/'([^']+)'/g),
].map((match) => match[1]!);

describe('scripts/grant-graph-permissions.*', () => {
  it('grant exactly the Microsoft Graph permissions the README names', () => {
    const readme = permissionsIn(readRepoFile('README.md'));
    expect(readme).toContain('LicenseAssignment.ReadWrite.All');
    expect([...bashList].sort()).toEqual(readme);
    expect([...powershellList].sort()).toEqual(readme);
    expect(bashList).toEqual(powershellList);
  });

  it('cover what production start-up tells an admin the identity needs', () => {
    const rules = permissionsIn(readRepoFile('src/config/production-rules.ts'));
    expect(rules.length).toBeGreaterThan(0);
    for (const permission of rules) {
      expect(bashList).toContain(permission);
    }
  });

  it('name no permission outside their lists (the delegated scopes the admin signs in with aside)', () => {
    expect(permissionsIn(bash)).toEqual([...bashList].sort());
    const signInScopes = ['AppRoleAssignment.ReadWrite.All', 'Application.Read.All'];
    expect(permissionsIn(powershell)).toEqual([...powershellList, ...signInScopes].sort());
    expect(powershell).toMatch(
      /Scopes = @\('AppRoleAssignment\.ReadWrite\.All', 'Application\.Read\.All'\)/,
    );
  });

  it('look up Microsoft Graph by its well-known app id and assign app roles to the identity', () => {
    for (const script of [bash, powershell]) {
      expect(script).toContain('00000003-0000-0000-c000-000000000000');
    }
    expect(bash).toContain('/appRoleAssignedTo');
    expect(powershell).toContain('New-MgServicePrincipalAppRoleAssignment');
  });

  it('the bash script parses', () => {
    execFileSync('bash', ['-n', repoPath('scripts/grant-graph-permissions.sh')]);
  });
});
