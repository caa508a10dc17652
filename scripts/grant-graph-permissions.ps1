<#
.SYNOPSIS
Grants License Desk's managed identity the Microsoft Graph application permissions it needs.

.DESCRIPTION
Admin consent is a tenant admin's act: run this as a Global Administrator or Privileged Role
Administrator (Microsoft Graph PowerShell asks you to sign in). Idempotent: a permission already
granted is skipped. Least privilege per permission: README, "Deploy to Azure".

.PARAMETER PrincipalId
The identity's principal (object) id: the IDENTITY_PRINCIPAL_ID output of infra/main.bicep.

.EXAMPLE
./scripts/grant-graph-permissions.ps1 -PrincipalId 00000000-0000-0000-0000-000000000000 -TenantId <tenant id>
#>
param(
  [Parameter(Mandatory = $true)][string]$PrincipalId,
  [string]$TenantId
)
$ErrorActionPreference = 'Stop'

# Microsoft Graph's application id, the same in every tenant.
$graphAppId = '00000003-0000-0000-c000-000000000000'
$permissions = @(
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'GroupMember.Read.All',
  'Organization.Read.All',
  'Group.ReadWrite.All'
)

$connect = @{ Scopes = @('AppRoleAssignment.ReadWrite.All', 'Application.Read.All'); NoWelcome = $true }
if ($TenantId) { $connect.TenantId = $TenantId }
Connect-MgGraph @connect

$graph = Get-MgServicePrincipal -Filter "appId eq '$graphAppId'"
if (-not $graph) { throw "Microsoft Graph's service principal was not found in this tenant." }
$identity = Get-MgServicePrincipal -ServicePrincipalId $PrincipalId
Write-Host "Granting Microsoft Graph application permissions to $($identity.DisplayName) ($PrincipalId):"

$granted = @(Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $PrincipalId -All |
  Where-Object { $_.ResourceId -eq $graph.Id } | ForEach-Object { $_.AppRoleId })

foreach ($permission in $permissions) {
  $role = $graph.AppRoles | Where-Object { $_.Value -eq $permission -and $_.AllowedMemberTypes -contains 'Application' }
  if (-not $role) { throw "${permission}: no such application permission in Microsoft Graph" }
  if ($granted -contains $role.Id) {
    Write-Host "  ${permission}: already granted"
    continue
  }
  New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $PrincipalId -PrincipalId $PrincipalId `
    -ResourceId $graph.Id -AppRoleId $role.Id | Out-Null
  Write-Host "  ${permission}: granted"
}
Write-Host 'Done. Tokens the identity already holds keep their old permissions for up to 24 hours: restart the bot.'
