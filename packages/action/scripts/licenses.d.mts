/** The module paths of a webpack stats object, concatenated modules included; runtime and externals left out. */
export function modulePaths(stats: { modules?: { name: string; modules?: { name: string }[] }[] }): string[];
/** The root folder of the package an absolute module path belongs to. */
export function packageRoot(file: string): string | undefined;
/** licenses.txt for the packages the modules of `stats` come from, except `self`. */
export function licensesText(stats: object, context: string, self: string): string;
