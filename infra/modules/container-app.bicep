// Azure Container Apps running the image built from the Dockerfile: external HTTPS ingress to the
// bot's port, liveness on /healthz, readiness on /readyz, and always at least one replica (the
// background jobs need a process).

param name string

param location string

@description('Container image, built from the Dockerfile.')
@minLength(1)
param image string

@description('Registry the identity pulls the image from; empty for a public image.')
param registryServer string

param maxReplicas int

@description('Port the bot listens on (PORT).')
param port int

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Log Analytics workspace the environment sends container logs to.')
param workspaceName string

@description('Environment variables ({name, value}) the bot reads.')
param env array

@secure()
@description('GRAPH_CLIENT_SECRET, kept as a Container Apps secret and given to the container only when set (empty: Graph signs in with the managed identity).')
param graphClientSecret string

// The container reads GRAPH_CLIENT_SECRET from this Container Apps secret (secretRef).
var graphSecretName = 'graph-client-secret'
var graphSecrets = empty(graphClientSecret)
  ? []
  : [
      {
        name: graphSecretName
        value: graphClientSecret
      }
    ]
var graphSecretEnv = empty(graphClientSecret)
  ? []
  : [
      {
        name: 'GRAPH_CLIENT_SECRET'
        secretRef: graphSecretName
      }
    ]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: managedEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      secrets: graphSecrets
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityId
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'license-desk'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(env, graphSecretEnv)
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              initialDelaySeconds: 10
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: port
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: maxReplicas
      }
    }
  }
}

output hostName string = app.properties.configuration.ingress.fqdn
output resourceId string = app.id
