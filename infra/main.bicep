// License Desk in one resource group: a user-assigned managed identity for everything (the bot's
// Bot Framework identity, Microsoft Graph and Cosmos DB: no secrets; or, to serve customer tenants,
// Graph as the multi-tenant API app registration with its client secret), App Service (default)
// or Container Apps, the Azure Bot with its Teams channel, Cosmos DB with every container the code
// uses, Log Analytics + Application Insights, and a Key Vault only when asked for.
//
// Offline checks: test/infra/*.test.ts. Compiled and linted in .github/workflows/infra.yml.
// Graph application permissions are a tenant admin's act: scripts/grant-graph-permissions.sh for
// the identity, admin consent to aad.manifest.json's permissions for the API app registration.
targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Start of every resource name: lower-case letters and digits (e.g. licensedesk + a short suffix). Bot, Cosmos DB, web app and Key Vault names are global: pick a unique one.')
param resourceBaseName string

@description('Region of every regional resource (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Where the bot runs: Azure App Service (Linux, Node 24 LTS, the sources as `npm start` runs them) or Azure Container Apps (the image built from the Dockerfile).')
@allowed([
  'appService'
  'containerApps'
])
param hosting string = 'appService'

@description('App Service plan SKU (appService hosting). Always On needs Basic (B1) or above.')
param appServiceSku string = 'B1'

@description('Container image (containerApps hosting), e.g. myregistry.azurecr.io/license-desk:1.0.0, built from the Dockerfile.')
param containerImage string = ''

@description('Registry server the managed identity pulls containerImage from (e.g. myregistry.azurecr.io; the identity needs AcrPull on it). Empty for a public image.')
param containerRegistryServer string = ''

@description('Most replicas Container Apps may run (at least one always runs: the background jobs need a process).')
@minValue(1)
@maxValue(10)
param containerMaxReplicas int = 3

@description('Cosmos DB capacity: serverless (pay per request, the default) or provisioned (shared RU/s on the database).')
@allowed([
  'serverless'
  'provisioned'
])
param cosmosCapacityMode string = 'serverless'

@description('Shared RU/s of the database when cosmosCapacityMode is provisioned (ignored when serverless).')
@minValue(400)
@maxValue(1000000)
param cosmosDatabaseThroughput int = 1000

@description('Cosmos DB database id (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'license-desk'

@description('Object ids (GUIDs) of the Entra groups whose members approve requests, comma separated (APPROVER_GROUP_IDS).')
@minLength(36)
param approverGroupIds string

@description('Object ids of the Entra groups whose members may ask, comma separated (REQUESTER_GROUP_IDS); empty: everyone in the tenant.')
param requesterGroupIds string = ''

@description('Client id of the License Desk API app registration (aad.manifest.json; AAD_APP_CLIENT_ID, written by the Agents Toolkit\'s aadApp/create). Given: the REST API is on, API_AUDIENCE accepting its app id URI api://<client id> (v1 tokens) and the client id itself (v2 tokens). Empty: no REST API.')
param apiClientId string = ''

@secure()
@description('Client secret of that app registration (SECRET_AAD_APP_CLIENT_SECRET). Given: Graph signs in as that multi-tenant app (GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET) in this tenant and in each customer tenant whose admin consented, instead of the managed identity, which signs in to its own tenant only. Needs apiClientId. Empty: the managed identity.')
param graphClientSecret string = ''

@description('Create a Key Vault (RBAC authorization) the identity may read secrets and certificates from: only for the optional client-secret / certificate paths.')
param useKeyVault bool = false

@description('Name Teams shows for the bot.')
param botDisplayName string = 'License Desk'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are unlimited) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var tenantId = tenant().tenantId
var botPort = 3978
var keyVaultName = take('${resourceBaseName}-kv', 24)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${resourceBaseName}-cosmos'
    location: location
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    databaseThroughput: cosmosDatabaseThroughput
    principalId: identity.properties.principalId
  }
}

module keyVault 'modules/key-vault.bicep' = if (useKeyVault) {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    principalId: identity.properties.principalId
  }
}

// What the bot reads in production with the managed identity (src/config/environment-variables.ts
// and production-rules.ts; test/infra/app-settings.test.ts loads these through the real config).
// PORT is not here: App Service sets it, and the container app gets it below. The Graph credential
// and the REST API's audience follow (graphSettings, apiSettings); GRAPH_CLIENT_SECRET is added by
// the hosting module itself, from a secure param, so it never shows in a deployment's inputs.
var commonSettings = [
  {
    name: 'LICENSE_DESK_MODE'
    value: 'production'
  }
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenantId
  }
  {
    name: 'COSMOS_ENDPOINT'
    value: cosmos.outputs.endpoint
  }
  {
    name: 'COSMOS_MANAGED_IDENTITY_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'APPROVER_GROUP_IDS'
    value: approverGroupIds
  }
  {
    name: 'REQUESTER_GROUP_IDS'
    value: requesterGroupIds
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // DefaultAzureCredential (e.g. Application Insights with Entra auth) picks the same identity.
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
]

// Graph: the API app registration with its client secret (GRAPH_CLIENT_SECRET switches to it, with
// this tenant as home authority; customer tenants sign in to the same app after consent), or the
// managed identity (this tenant only). Never both: production refuses two Graph credentials.
var graphUsesClientSecret = !empty(graphClientSecret)
var graphSettings = graphUsesClientSecret
  ? [
      {
        name: 'GRAPH_CLIENT_ID'
        value: apiClientId
      }
    ]
  : [
      {
        name: 'GRAPH_MANAGED_IDENTITY'
        value: 'true'
      }
      {
        name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID'
        value: identity.properties.clientId
      }
    ]

// The REST API, on only with the API app registration: tokens for api://<client id> (v1) or for the
// client id itself (v2 tokens name it as their audience).
var apiSettings = empty(apiClientId)
  ? []
  : [
      {
        name: 'API_AUDIENCE'
        value: 'api://${apiClientId},${apiClientId}'
      }
    ]

var appSettings = concat(commonSettings, graphSettings, apiSettings)

module appService 'modules/app-service.bicep' = if (hosting == 'appService') {
  name: 'app-service'
  params: {
    name: resourceBaseName
    location: location
    sku: appServiceSku
    identityId: identity.id
    appSettings: appSettings
    graphClientSecret: graphClientSecret
  }
}

module containerApp 'modules/container-app.bicep' = if (hosting == 'containerApps') {
  name: 'container-app'
  params: {
    name: resourceBaseName
    location: location
    image: containerImage
    registryServer: containerRegistryServer
    maxReplicas: containerMaxReplicas
    port: botPort
    identityId: identity.id
    workspaceName: workspace.name
    env: concat(appSettings, [
      {
        name: 'PORT'
        value: string(botPort)
      }
    ])
    graphClientSecret: graphClientSecret
  }
}

var botHostName = hosting == 'appService' ? appService!.outputs.hostName : containerApp!.outputs.hostName

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: resourceBaseName
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${botHostName}/api/messages'
    identityClientId: identity.properties.clientId
    identityId: identity.id
    tenantId: tenantId
  }
}

// Read by the Agents Toolkit into env/.env.<environment> and by `npm run package`.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = botHostName
output BOT_TENANT_ID string = tenantId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = hosting == 'appService' ? appService!.outputs.resourceId : ''
output BOT_AZURE_CONTAINER_APP_RESOURCE_ID string = hosting == 'containerApps' ? containerApp!.outputs.resourceId : ''
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output IDENTITY_CLIENT_ID string = identity.properties.clientId
output IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output IDENTITY_RESOURCE_ID string = identity.id
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.properties.ConnectionString
output KEY_VAULT_URI string = useKeyVault ? keyVault!.outputs.uri : ''
