import { Router } from './router.ts';
import { directoryRoutes } from './routes/directory.ts';
import { groupRoutes } from './routes/groups.ts';
import { userRoutes } from './routes/users.ts';

/** Every Graph v1.0 endpoint the simulator serves (`$batch` is handled before routing). */
export function createGraphRouter(): Router {
  return new Router([...userRoutes, ...groupRoutes, ...directoryRoutes]);
}
