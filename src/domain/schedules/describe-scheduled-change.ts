import { describeSelection } from '../selection/user-selection.ts';
import type { ScheduledChange } from './schedule.ts';

/** Whom a change names: its selection, or its people as typed. */
function whom(change: ScheduledChange): string {
  return change.selection ? describeSelection(change.selection) : change.users.join(', ');
}

/**
 * A scheduled change in one line, from its words as typed ("Assign Power BI Pro to group
 * "Sales""): a rule is read again at every run, so no count of today's users belongs in it.
 */
export function describeScheduledChange(change: ScheduledChange): string {
  switch (change.kind) {
    case 'assign': {
      const without =
        change.withoutPlans.length > 0 ? ` without ${change.withoutPlans.join(', ')}` : '';
      const license = change.license === '' ? 'the licenses in the file' : change.license;
      return `Assign ${license}${without} to ${whom(change)}`;
    }
    case 'remove': {
      const license = change.license.scope === 'all' ? 'every direct license' : change.license.sku;
      return `Remove ${license} from ${whom(change)}${change.keepMailbox ? ', keeping mailboxes' : ''}`;
    }
    case 'transfer':
      return `Transfer ${whom(change)} from ${change.fromSku} to ${change.toSku}`;
    case 'modify': {
      const verb = change.action === 'enable' ? 'Enable' : 'Disable';
      const sku = change.sku ? ` in ${change.sku}` : '';
      return `${verb} ${change.plans.join(', ')}${sku} for ${whom(change)}`;
    }
  }
}
