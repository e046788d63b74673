import type { Formatter } from './types.ts';
import { csv } from './csv.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, junit, github, markdown, csv };
