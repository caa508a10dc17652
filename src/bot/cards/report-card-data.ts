/** A month's license report for billing: counts, each SKU's seats and cost change, totals. */
export interface ReportCardData {
  /** "License report: January 2026" */
  title: string;
  /** "1 to 31 January 2026 (UTC)", or the month so far. */
  period: string;
  facts: { title: string; value: string }[];
  hasSkus: boolean;
  skus: {
    name: string;
    /** "+3 added · −1 removed · net +2" */
    seats: string;
    /** "+$114.00", "no price set", or '' when no seat changed. */
    cost: string;
    costColor: 'Default' | 'Good' | 'Warning' | 'Attention';
    /** Plan and group changes, how it was priced; '' for none. */
    details: string;
  }[];
  /** "and 12 more licenses: in the CSV", or ''. */
  more: string;
  totals: { title: string; value: string }[];
  notes: string[];
  /** YYYY-MM: what Export CSV exports. */
  month: string;
  /** The month before (YYYY-MM), and its button's title. */
  previous: string;
  previousTitle: string;
}
