import { describe, expect, it } from 'vitest';
import { ProgressPacer } from '../../../src/bot/requests/progress-pacer.ts';

const OP = 'tenant-1/op-1';
const OTHER = 'tenant-1/op-2';
const copy = (conversationId: string, activityId = `${conversationId}-card`) => ({
  conversationId,
  activityId,
});
const pace = { everyMs: 5_000, conversationGapMs: 2_500, busyPauseMs: 30_000 };

/** One redraw of `operation` at `now`: the copies drawn, or undefined if none began. */
function redraw(
  pacer: ProgressPacer,
  operation: string,
  copies: { conversationId: string; activityId: string }[],
  now: number,
): string[] | undefined {
  if (!pacer.begin(operation, now)) {
    return undefined;
  }
  const drawn = copies.filter((each) => pacer.mayDraw(operation, each, now));
  for (const each of drawn) {
    pacer.drawn(operation, each, now);
  }
  pacer.end(operation, now);
  return drawn.map((each) => each.conversationId);
}

describe('the pace of progress redraws', () => {
  it('draws at once, then each copy at most once per pace', () => {
    const pacer = new ProgressPacer(pace);
    const copies = [copy('chat-megan'), copy('chat-patti')];
    expect(redraw(pacer, OP, copies, 0)).toEqual(['chat-megan', 'chat-patti']);
    expect(redraw(pacer, OP, copies, 1_000)).toBeUndefined();
    expect(redraw(pacer, OP, copies, 4_999)).toBeUndefined();
    expect(redraw(pacer, OP, copies, 5_000)).toEqual(['chat-megan', 'chat-patti']);
  });

  it('starts no redraw of an operation while one is going on', () => {
    const pacer = new ProgressPacer(pace);
    expect(pacer.begin(OP, 0)).toBe(true);
    expect(pacer.begin(OP, 60_000)).toBe(false);
    pacer.end(OP, 60_000);
    expect(pacer.begin(OP, 65_000)).toBe(true);
  });

  it('keeps writes into one conversation apart, so two runs with cards there take turns', () => {
    const pacer = new ProgressPacer(pace);
    const channel = [copy('channel', 'card-1')];
    const alsoChannel = [copy('channel', 'card-2')];
    expect(redraw(pacer, OP, channel, 0)).toEqual(['channel']);
    // The other run's card waits for the gap, and gets its turn before a whole pace is over.
    expect(redraw(pacer, OTHER, alsoChannel, 100)).toEqual([]);
    expect(redraw(pacer, OTHER, alsoChannel, 1_000)).toBeUndefined();
    expect(redraw(pacer, OTHER, alsoChannel, 2_600)).toEqual(['channel']);
    expect(redraw(pacer, OP, channel, 5_000)).toEqual([]);
    expect(redraw(pacer, OP, channel, 7_500)).toEqual(['channel']);
  });

  it('keeps progress apart from other writes into the conversation', () => {
    const pacer = new ProgressPacer(pace);
    pacer.wrote('chat-megan', 0);
    expect(redraw(pacer, OP, [copy('chat-megan'), copy('chat-patti')], 1_000)).toEqual([
      'chat-patti',
    ]);
    expect(redraw(pacer, OP, [copy('chat-megan'), copy('chat-patti')], 3_500)).toEqual([
      'chat-megan',
    ]);
  });

  it('leaves a conversation Teams called busy alone for a while', () => {
    const pacer = new ProgressPacer(pace);
    pacer.busy('chat-megan', 0);
    pacer.wrote('chat-megan', 1_000);
    expect(redraw(pacer, OP, [copy('chat-megan')], 29_999)).toEqual([]);
    expect(redraw(pacer, OP, [copy('chat-megan')], 32_500)).toEqual(['chat-megan']);
  });

  it('draws nothing for an operation it has forgotten, and starts afresh after', () => {
    const pacer = new ProgressPacer(pace);
    expect(pacer.begin(OP, 0)).toBe(true);
    pacer.forget(OP);
    expect(pacer.mayDraw(OP, copy('chat-megan'), 0)).toBe(false);
    pacer.end(OP, 0);
    expect(redraw(pacer, OP, [copy('chat-megan')], 1)).toEqual(['chat-megan']);
  });

  it('keeps a redraw that takes long as going on, however long, while forgetting quiet ones', () => {
    const pacer = new ProgressPacer(pace);
    expect(pacer.begin(OP, 0)).toBe(true);
    for (let index = 0; index < 501; index += 1) {
      pacer.wrote(`chat-${index}`, 0);
    }
    // Ten minutes on, another run's redraw looks through what is kept, and drops what is stale.
    expect(redraw(pacer, OTHER, [copy('chat-1')], 600_001)).toEqual(['chat-1']);
    expect(pacer.begin(OP, 600_002)).toBe(false);
  });
});
