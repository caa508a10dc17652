/** A dynamic rule's preview: the rule, who it makes members, what a group with a license needs. */
export interface RulePreviewCardData {
  /** The rule as Entra reads it. */
  rule: string;
  countText: string;
  sample: { name: string; upn: string }[];
  /** "and 47 more", or ''. */
  sampleMore: string;
  hasLicense: boolean;
  licenseTitle: string;
  licenseFacts: { title: string; value: string }[];
  notes: { text: string; color: 'Default' | 'Good' | 'Warning' | 'Attention' }[];
  /** Approvers may ask for the group to be created (approved by another approver). */
  canCreate: boolean;
  createNote: string;
  /** The license words as typed, carried to the create action ('' for none). */
  license: string;
}

/** A rule that cannot be read: the rule with the faulty part marked, and what was expected. */
export interface RulePreviewErrorCardData {
  before: string;
  /** The faulty part, or a marker when the rule ends too early. */
  at: string;
  after: string;
  message: string;
  expected: string;
  example: string;
}
