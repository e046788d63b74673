import type { Formatter } from './types.ts';
import type { FormatName } from './names.ts';
import { csv } from './csv.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';

// Typed by the names so that a format cannot be offered without a formatter, or the reverse.
const BY_NAME: Record<FormatName, Formatter> = { stylish, json, sarif, junit, github, markdown, csv };
export const FORMATTERS: Record<string, Formatter> = BY_NAME;
