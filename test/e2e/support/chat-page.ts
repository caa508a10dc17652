import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** How long a bot's answer may take in the browser: two cores shared with other work. */
export const ANSWER_TIMEOUT_MS = 20_000;

/** Every Adaptive Card the Test Tool's chat shows, oldest first. */
export function cardsOf(page: Page): Locator {
  return page.locator('.ac-adaptiveCard');
}

/** Opens a Test Tool page and waits until its compose box takes typing. */
export async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-lexical-editor="true"]').waitFor({ timeout: 30_000 });
}

/**
 * The first card shown after the first `cardsBefore` cards whose text contains `expected`,
 * once there is one. A new card, since older ones (the help card's examples, an earlier
 * request) may contain the same words.
 */
export async function newCardWith(
  page: Page,
  cardsBefore: number,
  expected: string | RegExp,
  timeout = ANSWER_TIMEOUT_MS,
): Promise<Locator> {
  let index = -1;
  await expect
    .poll(
      async () => {
        const texts = await cardsOf(page).allInnerTexts();
        index = texts.findIndex(
          (text, at) =>
            at >= cardsBefore &&
            (typeof expected === 'string' ? text.includes(expected) : expected.test(text)),
        );
        return index;
      },
      { timeout, interval: 100, message: `a new card saying ${String(expected)}` },
    )
    .toBeGreaterThanOrEqual(0);
  return cardsOf(page).nth(index);
}

/** Types `text` in the compose box and sends it. */
export async function type(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Sends `text` and waits for the bot's answer: a new card whose text contains `expected`
 * (older cards, such as the help card's examples, may already contain it).
 */
export async function say(page: Page, text: string, expected: string | RegExp): Promise<Locator> {
  const cardsBefore = await cardsOf(page).count();
  await type(page, text);
  return newCardWith(page, cardsBefore, expected);
}

/**
 * Waits for a text message (not a card) saying `expected`: the Test Tool renders a bot's text as
 * paragraphs in the chat; the side panel's preview and the log panel are not paragraphs.
 */
export async function noticeWith(page: Page, expected: string): Promise<Locator> {
  const notice = page.getByRole('paragraph').filter({ hasText: expected }).first();
  await notice.waitFor({ timeout: ANSWER_TIMEOUT_MS });
  return notice;
}

/**
 * The one card on the page whose text matches every pattern, once there is exactly one. Found by
 * its text, not its place: a channel shows the newest post first, so places shift as the bot
 * posts. Patterns are matched against the card's text content, which has no line breaks between
 * its fields ("Status" then "Open" read "StatusOpen").
 */
export async function onlyCardWith(
  page: Page,
  patterns: RegExp[],
  timeout = ANSWER_TIMEOUT_MS,
): Promise<Locator> {
  const card = patterns.reduce(
    (cards, pattern) => cards.filter({ hasText: pattern }),
    cardsOf(page),
  );
  await expect
    .poll(() => card.count(), {
      timeout,
      interval: 100,
      message: `one card saying ${patterns.join(' and ')}`,
    })
    .toBe(1);
  return card;
}

/**
 * Posts `@License Desk <words>` as a new post in a channel of the Test Tool's team ("Contoso IT"
 * of `.m365agentsplayground.yml`, whose channel is a list of posts, the newest first): the
 * mention as Teams writes one, `@`, a few letters, the bot picked from the list.
 */
export async function postWithMention(page: Page, channel: string, words: string): Promise<void> {
  await page.getByText(channel, { exact: true }).click();
  const newPost = page.locator('[data-lexical-editor="true"]').first();
  await newPost.waitFor({ timeout: ANSWER_TIMEOUT_MS });
  await newPost.click();
  await page.keyboard.type('@Lic');
  await page.getByRole('menuitem', { name: 'License Desk' }).click();
  await page.keyboard.type(` ${words}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}
