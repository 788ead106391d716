// The built-in function table: every family, by lowercase name. The only
// place that lists them (docs/snippet-language.md documents each).
import { arrayFunctions } from './arrays.js';
import { dateFunctions } from './dates.js';
import { dbFunctions } from './db.js';
import { numberFunctions } from './numbers.js';
import { objectFunctions } from './objects.js';
import { restFunctions } from './rest.js';
import { textFunctions } from './text.js';
import type { Builtin } from './types.js';

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  [...textFunctions, ...numberFunctions, ...arrayFunctions, ...dateFunctions, ...objectFunctions, ...dbFunctions, ...restFunctions].map((b) => [
    b.name.toLowerCase(),
    b,
  ]),
);
