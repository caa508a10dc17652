import type { GroupLicenseUseCases } from '../app/group-licenses/group-license-use-cases.ts';
import type { HistoryUseCases } from '../app/history/history-use-cases.ts';
import type { OperationReadUseCases } from '../app/requests/operation-read-use-cases.ts';
import type { ReportUseCases } from '../app/reports/report-use-cases.ts';
import type { RequestUseCases } from '../app/requests/request-use-cases.ts';
import type { RunUseCases } from '../app/runs/run-use-cases.ts';

/** The use cases the API calls: the same ones the bot is given, built once by the root. */
export interface ApiUseCases {
  /** `preview` checks a CSV's rows before anything is stored; `decide` approves automatically. */
  requests: Pick<RequestUseCases, 'ask' | 'preview' | 'decide'>;
  groupLicenses: Pick<GroupLicenseUseCases, 'ask'>;
  operations: OperationReadUseCases;
  history: Pick<HistoryUseCases, 'read'>;
  reports: ReportUseCases;
  /** Starts an approved run at once, as the bot does after an approval. */
  runs: Pick<RunUseCases, 'start'>;
}

/**
 * Apps whose small requests License Desk approves itself (`API_AUTO_APPROVE_APPS`,
 * `API_AUTO_APPROVE_MAX_USERS`): absent, every request waits for an approver.
 */
export interface AutoApprovePolicy {
  /** Client ids or display names, compared without case. */
  apps: readonly string[];
  maxUsers: number;
}

/** What the routes are served with besides use cases: settings. */
export interface ApiSettings {
  autoApprove?: AutoApprovePolicy;
}
