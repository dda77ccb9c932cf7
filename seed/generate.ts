/** The generator now lives in `./world`; this module only forwards to it. */
export { generateWorld, stripAccents } from './world';
