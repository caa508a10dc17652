// Azure App Service on Linux running the TypeScript sources on Node 24 LTS, as `npm start` does
// (deploy the project with its production node_modules as a zip: WEBSITE_RUN_FROM_PACKAGE).

param name string

param location string

@description('App Service plan SKU; Always On needs Basic (B1) or above.')
param sku string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('App settings ({name, value}) the bot reads.')
param appSettings array

@secure()
@description('GRAPH_CLIENT_SECRET, added to the app settings only when given (empty: Graph signs in with the managed identity). A secure param, so it stays out of the deployment\'s recorded inputs.')
param graphClientSecret string

var graphSecretSettings = empty(graphClientSecret)
  ? []
  : [
      {
        name: 'GRAPH_CLIENT_SECRET'
        value: graphClientSecret
      }
    ]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings resolve with the same identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      // The background jobs (resume, expiry, alerts, schedules) need a process that stays up.
      alwaysOn: true
      // Alive, not ready: a Graph outage must not take the instance out (see README, /healthz).
      healthCheckPath: '/healthz'
      appCommandLine: 'node --max-semi-space-size=8 src/main.ts'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: concat(appSettings, graphSecretSettings, [
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ])
    }
  }
}

output hostName string = site.properties.defaultHostName
output resourceId string = site.id
