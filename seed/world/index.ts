/**
 * The synthetic borough as other code sees it: `generateWorld` and the shape of what it gives
 * (`types.ts`). The generator's own modules import `./types` directly, so that nothing they
 * import leads back here.
 */
export { generateWorld } from './generate';
export { stripAccents } from './spelling';
export type * from './types';
