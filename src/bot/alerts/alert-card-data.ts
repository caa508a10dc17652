/** The data `cards/alert.json` binds to: one alert, open or solved, with its fix buttons. */
export interface AlertCardData {
  /** `New alert`, `Alert updated`, `Solved`. */
  headline: string;
  color: 'Attention' | 'Warning' | 'Good' | 'Default';
  title: string;
  usersText: string;
  since: string;
  status: string;
  reason: string;
  /** What to do in the admin center, or ''. */
  steps: string;
  /** Whether the fix buttons show (not once solved). */
  showFix: boolean;
  /** The fix's ids; '' when the alert has no such button. */
  groupId: string;
  skuId: string;
  shortfall: number;
  operationId: string;
}

/** One line of `cards/alert-summary.json`. */
export interface AlertSummaryLine {
  line: string;
  details: string;
  color: AlertCardData['color'];
  groupId: string;
  skuId: string;
  shortfall: number;
  operationId: string;
}

/** The data `cards/alert-summary.json` binds to: several alerts at once, or the open problems now. */
export interface AlertSummaryCardData {
  title: string;
  intro: string;
  alerts: AlertSummaryLine[];
  /** `… and 12 more: type alerts` or ''. */
  more: string;
}
