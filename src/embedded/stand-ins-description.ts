import { z } from 'zod';

/**
 * What `npm run stand-ins` answers at `GET /` (the URL `STANDINS` names): where its Graph
 * simulator and Cosmos stand-in listen, and the Cosmos stand-in's certificate so that a bot
 * trusts exactly that certificate and nothing more.
 */
export const standInsDescription = z.object({
  simulator: z.object({ url: z.url(), graphBaseUrl: z.url() }),
  cosmos: z.object({
    endpoint: z.url({ protocol: /^https$/ }),
    key: z.string().min(1),
    certificate: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
  }),
});

export type StandInsDescription = z.infer<typeof standInsDescription>;
