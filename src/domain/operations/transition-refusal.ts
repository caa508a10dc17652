/** Why a transition did not happen, with a stable code and a sentence for the card. */
export interface TransitionRefusal {
  code:
    | 'ALREADY_APPROVED'
    | 'ALREADY_DECIDED'
    | 'ALREADY_RUNNING'
    | 'ALREADY_STOPPING'
    | 'ALREADY_FINISHED'
    | 'EXPIRED'
    | 'SELF_APPROVAL'
    | 'NOT_AN_APPROVER'
    | 'NOT_THE_REQUESTER'
    | 'REASON_REQUIRED'
    | 'NOT_ALLOWED'
    | 'PILOT_DONE'
    /** A scheduled request asked to start before its time. */
    | 'NOT_YET';
  message: string;
}
