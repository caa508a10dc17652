#!/usr/bin/env bash
# Grants License Desk's managed identity the Microsoft Graph application permissions it needs
# (admin consent is a tenant admin's act: run this as a Global Administrator or Privileged Role
# Administrator, signed in with `az login` to the bot's tenant). Idempotent: a permission already
# granted is skipped. Least privilege per permission: README, "Deploy to Azure".
#
#   scripts/grant-graph-permissions.sh <principal-id>
#
# <principal-id>: the identity's principal (object) id, the IDENTITY_PRINCIPAL_ID output of
# infra/main.bicep (or set IDENTITY_PRINCIPAL_ID).
set -euo pipefail

PRINCIPAL_ID="${1:-${IDENTITY_PRINCIPAL_ID:-}}"
if [ -z "$PRINCIPAL_ID" ]; then
  echo "usage: $0 <principal-id of the managed identity (IDENTITY_PRINCIPAL_ID)>" >&2
  exit 2
fi

# Microsoft Graph's application id, the same in every tenant.
GRAPH_APP_ID="00000003-0000-0000-c000-000000000000"
GRAPH="https://graph.microsoft.com/v1.0"
PERMISSIONS=(
  LicenseAssignment.ReadWrite.All
  User.ReadWrite.All
  GroupMember.Read.All
  Organization.Read.All
  Group.ReadWrite.All
)

graph_sp_id=$(az rest --method get --url "$GRAPH/servicePrincipals(appId='$GRAPH_APP_ID')?\$select=id" \
  --query id --output tsv)
if [ -z "$graph_sp_id" ]; then
  echo "Microsoft Graph's service principal was not found in this tenant." >&2
  exit 1
fi
identity_name=$(az rest --method get --url "$GRAPH/servicePrincipals/$PRINCIPAL_ID?\$select=displayName" \
  --query displayName --output tsv)
echo "Granting Microsoft Graph application permissions to $identity_name ($PRINCIPAL_ID):"

granted=$(az rest --method get \
  --url "$GRAPH/servicePrincipals/$PRINCIPAL_ID/appRoleAssignments?\$top=999" \
  --query "value[?resourceId=='$graph_sp_id'].appRoleId" --output tsv)

for permission in "${PERMISSIONS[@]}"; do
  role_id=$(az rest --method get --url "$GRAPH/servicePrincipals/$graph_sp_id?\$select=appRoles" \
    --query "appRoles[?value=='$permission' && contains(allowedMemberTypes, 'Application')].id | [0]" \
    --output tsv)
  if [ -z "$role_id" ]; then
    echo "  $permission: no such application permission in Microsoft Graph" >&2
    exit 1
  fi
  if grep -qx "$role_id" <<<"$granted"; then
    echo "  $permission: already granted"
    continue
  fi
  az rest --method post --url "$GRAPH/servicePrincipals/$graph_sp_id/appRoleAssignedTo" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"$PRINCIPAL_ID\",\"resourceId\":\"$graph_sp_id\",\"appRoleId\":\"$role_id\"}" \
    --output none
  echo "  $permission: granted"
done
echo "Done. Tokens the identity already holds keep their old permissions for up to 24 hours: restart the bot."
