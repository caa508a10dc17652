import type { ChangeSender, TellDependencies } from './tell-changes.ts';
import { tellUntoldChanges, type TellPass, type TellPassOptions } from './tell-untold-changes.ts';

/** Telling request changes: what the job calls to tell what a stopped process left untold. */
export interface NoticeUseCases {
  tellUntold(tenantIds: readonly string[], options?: TellPassOptions): Promise<TellPass>;
}

/**
 * The notice use cases over `deps`, sending with `send`: the port the bot implements (it redraws
 * the approval cards and notifies the requester), wired once by the composition root.
 */
export function noticeUseCases(deps: TellDependencies, send: ChangeSender): NoticeUseCases {
  return {
    tellUntold: (tenantIds, options) => tellUntoldChanges(deps, tenantIds, send, options),
  };
}
