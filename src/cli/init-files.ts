// The files `studio-script init` writes: a small working project (one script
// and its test, a tenant, the configuration, a CI workflow). Kept as text here
// so the command needs nothing but the package itself.

export const INIT_FILES: Record<string, string> = {
  'studio-script.config.yaml': `# studio-script project configuration (README "Project configuration").
# Paths are relative to this file; command-line options override these settings.
scripts: scripts
tenant: scripts/tenant.yaml
now: 2026-01-05T09:00:00
test:
  include: ["scripts/**/*.test.yaml"]
  reporters: [pretty]
  coverage: { dir: coverage }
`,
  'scripts/Greeting.script': `// Greets a caller by name, counts to three, and branches on the result.
// Run it: npx studio-script run Greeting --var name=Ada --trace
script Greeting
type Generic

start: BEGIN {
  Parameters = [name]
} -> greet

greet: ASSIGN "Build the greeting" {
  Variable = greeting
  Value = "Hello, {name}!"
} -> count

count: LOOP "Count to three" {
  Repeat = 3
  CounterName = i
}
  Repeat -> tally
  Finished -> check

tally: SNIPPET "Add the counter" {
  ASSIGN total = total + i
  TRACE "total is {total}"
} -> count

check: IF "Counted everything?" {
  Expression = "total = 6"
}
  True -> done
  False -> miscounted

done: END

miscounted: END "Should never happen"
`,
  'scripts/Greeting.test.yaml': `# Tests of Greeting.script: npm test (or npx studio-script test --watch while editing).
cases:
  - name: greets the caller and counts to three
    script: Greeting
    vars: { name: Ada }
    expect:
      status: completed
      visits: [greet, count, tally, check, done]
      branches: { check: True }
      variables: { greeting: "Hello, Ada!", total: 6 }

  - name: a miscount ends at miscounted
    script: Greeting
    vars: { name: Ada }
    stubs:
      - match: { label: Greeting.tally }
        return: { branch: Default }   # instead of running the snippet
    expect:
      visits: [check, miscounted]
      branches: { check: False }
`,
  'scripts/tenant.yaml': `# The emulated business unit scripts run against (docs/tenant.md).
# Check it with: npx studio-script tenant check scripts/tenant.yaml
businessUnit: 4600001
timeZone: America/Denver
skills:
  - id: 2001
    name: Inbound_Support
    media: Phone
    direction: Inbound
    active: true
`,
  '.github/workflows/studio-script.yml': `# Runs the script tests on every push and pull request, and publishes the
# JUnit results and the lcov coverage as build artifacts.
name: studio-script
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 22, cache: npm }
      - run: npm ci
      - run: npx studio-script check
      - run: npx studio-script test --reporter pretty --reporter junit -o reports/junit.xml --coverage
        env: { FORCE_COLOR: "1" }
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: studio-script-results
          path: |
            reports/junit.xml
            coverage/lcov.info
            coverage/coverage.json
      - uses: mikepenz/action-junit-report@v5
        if: always()
        with: { report_paths: reports/junit.xml }
`,
  '.gitignore': `node_modules/
coverage/
reports/
test-report/
*.db
`,
};

/** The `scripts` entries `init` adds to package.json (existing ones are kept). */
export const PACKAGE_SCRIPTS: Record<string, string> = {
  test: 'studio-script test',
  'test:watch': 'studio-script test --watch',
  check: 'studio-script check',
  coverage: 'studio-script test --coverage',
};
