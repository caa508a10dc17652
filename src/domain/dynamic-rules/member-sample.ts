/** A member as the preview shows them. */
export interface SampleMember {
  displayName: string;
  userPrincipalName: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const byName = (a: SampleMember, b: SampleMember): number =>
  collator.compare(a.displayName, b.displayName) ||
  collator.compare(a.userPrincipalName, b.userPrincipalName);

/**
 * Keeps the first `size` members by name among those seen so far, without keeping the rest:
 * `sample` is updated in place and stays sorted.
 */
export function keepFirstByName(sample: SampleMember[], member: SampleMember, size: number): void {
  if (sample.length === size && byName(member, sample[size - 1] as SampleMember) >= 0) {
    return;
  }
  let at = sample.length;
  while (at > 0 && byName(member, sample[at - 1] as SampleMember) < 0) {
    at -= 1;
  }
  sample.splice(at, 0, {
    displayName: member.displayName,
    userPrincipalName: member.userPrincipalName,
  });
  if (sample.length > size) {
    sample.pop();
  }
}
