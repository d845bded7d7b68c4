// A named import of package.json is inlined by the bundler at build time, so the published code carries
// its own version without reading files at run time (and without shipping the rest of package.json).
import { version } from '../package.json';

/** This package's version, as in its package.json at build time; part of the User-Agent. */
export const SDK_VERSION: string = version;
