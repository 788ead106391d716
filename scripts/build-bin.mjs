// The built command must be executable: `npx studio-script` in a clone of this
// repository runs dist/src/cli/main.js itself (npm marks the bins of packages
// it installs, not the project's own), and tsc writes its files without the
// execute bit.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/src/cli/main.js', import.meta.url), 0o755);
