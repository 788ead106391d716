// savetodb: records a variable in the run's effects (the emulated platform database).
import { fn, type Builtin } from './types.js';

export const dbFunctions: Builtin[] = [
  // x.savetodb(), savetodb(x), and x.savetodb(1) / global:x.savetodb(1) as production code writes
  // it: the name is the variable's when one is given. What the argument means is not documented:
  // emulator decision, it is accepted and does not change what is saved.
  fn('savetodb', 1, 2, ([v], site) => {
    site.run.addSaved(site.receiverName ?? '', v ?? null);
    return true;
  }),
];
