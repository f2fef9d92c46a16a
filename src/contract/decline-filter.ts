/**
 * The payments `decline` filter's value for charges that carry no decline code (the Overview's
 * "none given"). A module of its own so the Overview links to it without loading the explorer's
 * share of the contract.
 */
export const DECLINE_NONE = 'none';
