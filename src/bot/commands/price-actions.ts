import { z } from 'zod';
import { priceFormData } from '../cards/prices-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CardAction, CommandTurn, Reply } from '../routing/command.ts';
import { importReply, savedLine, showPriceHistory, showPrices } from './price-replies.ts';

// Card data carries ids and page numbers only; the inputs are the form's, checked again here.
const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);
const skuId = z.string().trim().min(1).max(100);
const typed = z.string().max(100).default('');
// Action.Execute without data arrives with none at all: read that as no fields.
const cardData = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((value) => value ?? {}, z.object(shape));

const pageData = cardData({ page });
const editData = cardData({ skuId, page });
const saveData = cardData({ skuId, page, amount: typed, currency: typed });
const importData = cardData({ csv: z.string().default('') });
const historyData = cardData({ token: z.string().max(4_000).optional() });

/** Past this, pasted text is a file's worth: it should come as one. */
const MAX_PASTED_CSV = 20_000;

async function openForm(turn: CommandTurn, input: z.infer<typeof editData>): Promise<Reply> {
  const sku = await turn.deps.pricing.find(turn.caller.tenantId, input.skuId);
  return sku
    ? { card: renderCard('price-form', priceFormData(sku, input.page)) }
    : { text: 'That license is no longer in this tenant. Type `prices` to see the others.' };
}

async function save(turn: CommandTurn, input: z.infer<typeof saveData>): Promise<Reply> {
  const set = await turn.deps.pricing.set(turn.caller, {
    sku: { skuId: input.skuId },
    amount: input.amount,
    currency: input.currency,
  });
  if (set.ok) {
    return showPrices(turn, input.page, savedLine(set.value));
  }
  const { code, message } = set.failure;
  if (code !== 'PRICE_AMOUNT_INVALID' && code !== 'PRICE_CURRENCY_INVALID') {
    return { text: message };
  }
  // The form again, with what was typed and what was wrong with it.
  const sku = await turn.deps.pricing.find(turn.caller.tenantId, input.skuId);
  return sku
    ? {
        card: renderCard(
          'price-form',
          priceFormData(sku, input.page, {
            amount: input.amount,
            currency: input.currency,
            message,
          }),
        ),
      }
    : { text: message };
}

/** The prices card's buttons: pages, Edit and Save, Import, history. Approvers only. */
export const priceActions: CardAction[] = [
  {
    verb: 'prices',
    role: 'approver',
    data: pageData,
    handle: (turn, input: z.infer<typeof pageData>) => showPrices(turn, input.page),
  } satisfies CardAction<z.infer<typeof pageData>>,
  {
    verb: 'price-edit',
    role: 'approver',
    data: editData,
    handle: openForm,
  } satisfies CardAction<z.infer<typeof editData>>,
  {
    verb: 'price-save',
    role: 'approver',
    data: saveData,
    handle: save,
  } satisfies CardAction<z.infer<typeof saveData>>,
  {
    verb: 'prices-import',
    role: 'approver',
    data: importData,
    handle: async (turn, input: z.infer<typeof importData>) => {
      if (input.csv.trim() === '') {
        return { text: 'Paste the CSV first, its header line first.' };
      }
      if (input.csv.length > MAX_PASTED_CSV) {
        return {
          text: `That is more than ${MAX_PASTED_CSV.toLocaleString('en-US')} characters: send it as a .csv file with the text \`prices\`.`,
        };
      }
      return importReply(await turn.deps.pricing.importCsv(turn.caller, input.csv));
    },
  } satisfies CardAction<z.infer<typeof importData>>,
  {
    verb: 'prices-history',
    role: 'approver',
    data: historyData,
    handle: (turn, input: z.infer<typeof historyData>) =>
      showPriceHistory(turn, input.token || undefined),
  } satisfies CardAction<z.infer<typeof historyData>>,
] as CardAction[];
