// END: ends the run (inside a subscript, the whole run).
import { defineAction } from './define.js';

export default defineAction({
  type: 'END',
  description: 'Ends the run; inside a subscript it ends the whole run.',
  props: {},
  studio: { evidence: 'observed', params: [], source: 'CXone Studio JSON: no properties' },
  branches: [],
  execute() {
    return { branch: '', control: { op: 'end' } };
  },
});
