import type { ApiRoute } from './api-route.ts';
import type { ApiSettings, ApiUseCases } from './api-use-cases.ts';
import { bulkRoutes } from './routes/bulk-routes.ts';
import { groupRoutes } from './routes/group-routes.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { operationRoutes } from './routes/operation-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { userLicenseRoutes } from './routes/user-license-routes.ts';

/** The API's route table: every route it serves, and so every one the OpenAPI document names. */
export const apiRoutes = (uses: ApiUseCases, settings: ApiSettings = {}): ApiRoute[] => [
  ...userLicenseRoutes(uses, settings),
  ...bulkRoutes(uses, settings),
  ...groupRoutes(uses, settings),
  ...operationRoutes(uses),
  ...historyRoutes(uses),
  ...reportRoutes(uses),
];
