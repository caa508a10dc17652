import type { ApiRoute } from './api-route.ts';
import type { ApiUseCases } from './api-use-cases.ts';
import { bulkRoutes } from './routes/bulk-routes.ts';
import { groupRoutes } from './routes/group-routes.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { operationRoutes } from './routes/operation-routes.ts';
import { userLicenseRoutes } from './routes/user-license-routes.ts';

/** The API's route table: every route it serves, and so every one the OpenAPI document names. */
export const apiRoutes = (uses: ApiUseCases): ApiRoute[] => [
  ...userLicenseRoutes(uses),
  ...bulkRoutes(uses),
  ...groupRoutes(uses),
  ...operationRoutes(uses),
  ...historyRoutes(uses),
];
