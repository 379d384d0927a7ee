/** Account economics, pure: money, the ledger, spend caps and the cost of a sweep before it runs. */
export * from './ledger';
export * from './ledger-lines';
export * from './money';
export * from './spend-cap';
export * from './spend-estimate';
