import { z } from 'zod';
import { CONTACT_SORTS, DEFAULT_QUERY, QUIET_DAYS, type ContactQuery } from './contact-list';
import { HEALTH_BANDS } from './health';

/**
 * The contacts list's search, sort and filters as the query of the dashboard's address
 * (`#contacts?q=north&sort=health`), so the back button and a reload keep them. Anything in the
 * address that is not a valid choice is dropped: a pasted or hand-edited link never breaks the page.
 */

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const Params = z.object({
  q: z.string().max(200).catch(''),
  sort: z.enum(CONTACT_SORTS).catch(DEFAULT_QUERY.sort),
  rev: z.literal('1').optional().catch(undefined),
  tag: optional(z.string().trim().min(1).max(50)),
  company: optional(z.uuid()),
  band: optional(z.enum(HEALTH_BANDS)),
  open: z.literal('1').optional().catch(undefined),
  quiet: optional(z.coerce.number().pipe(z.literal(QUIET_DAYS))),
});

export function queryFromParams(params: URLSearchParams): ContactQuery {
  const p = Params.parse({
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? undefined,
    ...Object.fromEntries(['rev', 'tag', 'company', 'band', 'open', 'quiet'].flatMap((k) => (params.has(k) ? [[k, params.get(k)]] : []))),
  });
  return {
    text: p.q,
    sort: p.sort,
    reverse: p.rev === '1',
    ...(p.tag ? { tag: p.tag } : {}),
    ...(p.company ? { companyId: p.company } : {}),
    ...(p.band ? { band: p.band } : {}),
    ...(p.open ? { openDeal: true } : {}),
    ...(p.quiet ? { quietDays: p.quiet } : {}),
  };
}

/** The query part for `query`, empty for the default list. */
export function paramsOf(query: ContactQuery): string {
  const p = new URLSearchParams();
  if (query.text) p.set('q', query.text);
  if (query.sort !== DEFAULT_QUERY.sort) p.set('sort', query.sort);
  if (query.reverse) p.set('rev', '1');
  if (query.tag) p.set('tag', query.tag);
  if (query.companyId) p.set('company', query.companyId);
  if (query.band) p.set('band', query.band);
  if (query.openDeal) p.set('open', '1');
  if (query.quietDays) p.set('quiet', String(query.quietDays));
  return p.toString();
}
