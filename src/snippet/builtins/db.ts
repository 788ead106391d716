// savetodb: records a variable in the run's effects (the emulated platform database).
import { fn, type Builtin } from './types.js';

export const dbFunctions: Builtin[] = [
  // x.savetodb() or savetodb(x): the name is the variable's when one is given.
  fn('savetodb', 1, 1, ([v], site) => {
    site.run.addSaved(site.receiverName ?? '', v ?? null);
    return true;
  }),
];
