/** The package version, shown by `--version` and written into graph files as the generator. */
export const VERSION = '0.1.0';
