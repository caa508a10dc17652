// Cosmos DB for NoSQL: local (key) auth off, continuous backup (history is the audit trail), the
// database and every container of src/store/containers.ts (`containerDefinitions`, mirrored in
// ../cosmos-containers.json and checked by test/infra/cosmos.test.ts), and the data-plane role
// "Cosmos DB Built-in Data Contributor" for the managed identity on that database.

@description('Account name: lower-case letters, digits and hyphens, 3 to 44 characters, globally unique.')
@minLength(3)
@maxLength(44)
param accountName string

param location string

param databaseName string

@allowed([
  'serverless'
  'provisioned'
])
param capacityMode string

@description('Shared RU/s of the database on a provisioned account.')
param databaseThroughput int

@description('Principal (object) id of the managed identity that reads and writes the data.')
param principalId string

// Container id → partition key path, as the code creates them (see src/store/containers.ts).
var containerDefinitions = loadJsonContent('../cosmos-containers.json')

// Built-in role definition "Cosmos DB Built-in Data Contributor" (data plane, every account).
var dataContributorRoleDefinitionId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: capacityMode == 'serverless'
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    // Entra ID only: no account keys, no key-based writes to databases and containers.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous30Days'
      }
    }
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'provisioned'
      ? {
          throughput: databaseThroughput
        }
      : {}
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in items(containerDefinitions): {
    parent: database
    name: container.key
    properties: {
      resource: {
        id: container.key
        partitionKey: {
          paths: [
            container.value
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleDefinitionId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'
    principalId: principalId
    // The License Desk database only, not every database the account may ever hold.
    scope: '${account.id}/dbs/${databaseName}'
  }
  dependsOn: [
    database
  ]
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
