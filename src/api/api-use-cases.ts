import type { GroupLicenseUseCases } from '../app/group-licenses/group-license-use-cases.ts';
import type { HistoryUseCases } from '../app/history/history-use-cases.ts';
import type { OperationReadUseCases } from '../app/requests/operation-read-use-cases.ts';
import type { RequestUseCases } from '../app/requests/request-use-cases.ts';

/** The use cases the API calls: the same ones the bot is given, built once by the root. */
export interface ApiUseCases {
  requests: Pick<RequestUseCases, 'ask'>;
  groupLicenses: Pick<GroupLicenseUseCases, 'ask'>;
  operations: OperationReadUseCases;
  history: Pick<HistoryUseCases, 'read'>;
}
