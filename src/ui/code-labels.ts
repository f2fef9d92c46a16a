/**
 * Card brands, funnels and any other code in words, shared by the payments explorer and the
 * Overview's breakdown (a module of its own, so the Overview loads only these, not the explorer's
 * other labels). Unknown codes fall back to the code made readable.
 */
const BRAND_LABELS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'Amex',
  american_express: 'Amex',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
  eftpos_au: 'eftpos',
  interac: 'Interac',
  link: 'Link',
};

export function cardBrandLabel(brand: string | null | undefined): string {
  if (!brand) return '';
  return BRAND_LABELS[brand.toLowerCase()] ?? humanizeCode(brand);
}

const FUNNEL_LABELS: Record<string, string> = {
  checkout: 'Checkout',
  renewal: 'Renewal',
  upgrade: 'Upgrade',
};

export function funnelLabel(funnel: string | null | undefined): string {
  if (!funnel) return '';
  return FUNNEL_LABELS[funnel] ?? humanizeCode(funnel);
}

const ACRONYMS: Record<string, string> = { cvc: 'CVC', pin: 'PIN', zip: 'ZIP', id: 'ID', api: 'API', '3ds': '3DS' };

/** "do_not_honor" → "Do not honor", "incorrect_cvc" → "Incorrect CVC". */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim().split(/\s+/).map((word) => ACRONYMS[word.toLowerCase()] ?? word).join(' ');
  return words ? words[0]!.toUpperCase() + words.slice(1) : '';
}

