import { badRequest } from '../../http/app-error.ts';
import { isCurrencyCode } from '../../contract/money.ts';
import { optionalParam } from './query-params.ts';

/** An ISO 4217 code, any case in, lowercase out (the marts store lowercase). */
export function parseCurrencyParam(url: URL): string | undefined {
  const raw = optionalParam(url, 'currency');
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z]{3}$/.test(raw)) throw badRequest('currency', 'currency must be a three-letter ISO 4217 code such as usd, eur or jpy');
  if (!isCurrencyCode(raw)) throw badRequest('currency', `currency must be an ISO 4217 code such as usd, eur or jpy; ${raw.toLowerCase()} is not one`);
  return raw.toLowerCase();
}
