import type { Choice } from '../../app/views/lookup.ts';
import type { ChoiceCardData } from './card-data.ts';

/** A "which one?" card: each choice sends back its id, never the name typed. */
export function choiceCardData(
  verb: ChoiceCardData['verb'],
  typed: string,
  choices: Choice[],
  more: boolean,
): ChoiceCardData {
  const noun = verb === 'user' ? 'users' : 'groups';
  return {
    question: `Several ${noun} match "${typed}". Which one?`,
    verb,
    choices,
    more,
    moreText: `Only the first ${choices.length} are listed: type more of the name to narrow it down.`,
  };
}
