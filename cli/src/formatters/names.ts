// The names of the report formats, for the command line's choices: known before the formatters
// (and what they import) are loaded. `index.ts` has one formatter per name.
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'csv'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
