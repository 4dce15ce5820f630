/** The CI workflows `careplan init --ci` writes: check on every push and every morning. */
export function ciWorkflow(system: 'github' | 'gitlab'): { file: string; content: string } {
  if (system === 'github') {
    return {
      file: '.github/workflows/careplan.yml',
      content: `# careplan: check the care records on every push, and every morning so that an overdue
# review shows up even on a day nobody commits.
name: careplan
on:
  push:
  pull_request:
  schedule:
    - cron: "0 6 * * *"
  workflow_dispatch:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes careplan@0.1.0 validate
      - run: npx --yes careplan@0.1.0 check --format github
`,
    };
  }
  return {
    file: '.gitlab-ci.yml',
    content: `# careplan: check the care records on every push; add a daily pipeline schedule
# (CI/CD > Schedules) so that an overdue review shows up even on a day nobody commits.
careplan:
  image: node:20
  variables:
    GIT_DEPTH: 0
  script:
    - npx --yes careplan@0.1.0 validate
    - npx --yes careplan@0.1.0 check --format junit > careplan-junit.xml
  artifacts:
    when: always
    reports:
      junit: careplan-junit.xml
`,
  };
}
