import { Router } from '../router.ts';
import { controlRoutes, type ControlContext } from './control-routes.ts';

/** The control API's route table (paths relative to `/_simulator`). */
export const controlRouter = new Router<ControlContext>(controlRoutes);
