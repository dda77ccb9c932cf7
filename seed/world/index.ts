/**
 * The synthetic borough as other code sees it: the shape of a generated world (`types.ts`).
 * Modules of the generator itself import `./types` directly, so that nothing they import leads
 * back here.
 */
export type * from './types';
