import { PACKAGE } from '../version.js';

/** The Node.js release the CI templates run on: the Active LTS line when this careplan was released. */
export const CI_NODE = 26;

export interface CiSetup {
  /** The branch pushes are checked on (the default branch). */
  branch: string;
  /** The records folder inside the git repository, '' at its top. */
  recordsPath: string;
}

const SOURCES = (pinned: string) => `# Which careplan runs, pinned so that nothing newer arrives unannounced: by default
  # ${pinned} from the npm registry. It may instead be a git tag or a tarball, e.g.
  # git+https://github.com/<owner>/careplan.git#v${PACKAGE.version} or https://<host>/careplan-${PACKAGE.version}.tgz
  # (docs/ci.md in the careplan package explains the three). Change it on purpose, when you upgrade.`;

/**
 * The CI workflows `careplan init --ci` writes: validate, check and verify on every change, and
 * every morning, so that an overdue review fails CI even on a day nobody commits.
 */
export function ciWorkflow(system: 'github' | 'gitlab', setup: CiSetup): { file: string; content: string } {
  const pinned = `${PACKAGE.name}@${PACKAGE.version}`;
  const repo = setup.recordsPath ? ` --repo ${setup.recordsPath}` : '';
  if (system === 'github') {
    return {
      file: '.github/workflows/careplan.yml',
      content: `# careplan: check the care records on every pull request and every push to the default branch,
# and each morning, so that an overdue review fails CI even on a day nobody commits.
# Written by careplan ${PACKAGE.version}.
name: careplan
on:
  pull_request:
  push:
    branches: [${setup.branch}]           # the default branch: change it here if you rename it
  schedule:
    - cron: "0 6 * * *"          # 06:00 UTC every day
  workflow_dispatch:
permissions:
  contents: read
env:
  ${SOURCES(pinned)}
  CAREPLAN_PACKAGE: ${pinned}
jobs:
  careplan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0         # the whole history: careplan verify reads the change trail
      - uses: actions/setup-node@v5
        with:
          node-version: ${CI_NODE}       # the current Node.js LTS
      - name: Install careplan
        run: |
          npm install --no-save --no-audit --no-fund "$CAREPLAN_PACKAGE"
          echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"
      - name: Validate the records
        run: careplan validate${repo}
      # The steps below run even when one before failed, so every problem shows in one run.
      - name: Check the care planning policy
        if: \${{ !cancelled() }}
        run: careplan check${repo} --format github
      - name: Write the summary
        if: \${{ !cancelled() }}
        run: |
          { echo '## careplan check'; echo '\`\`\`'; careplan check${repo} --fail-on never; echo '\`\`\`'; } >> "$GITHUB_STEP_SUMMARY"
      - name: Verify the change trail
        if: \${{ !cancelled() }}
        run: careplan verify${repo}
`,
    };
  }
  return {
    file: '.gitlab-ci.yml',
    content: `# careplan: check the care records on every push, and each morning from a pipeline schedule so
# that an overdue review fails even on a day nobody commits. Add the schedule under
# Build > Pipeline schedules > New schedule (for example 0 6 * * *, on the default branch).
# Written by careplan ${PACKAGE.version}.
variables:
  ${SOURCES(pinned)}
  CAREPLAN_PACKAGE: ${pinned}
careplan:
  image: node:${CI_NODE}                 # the current Node.js LTS
  variables:
    GIT_DEPTH: 0                 # the whole history: careplan verify reads the change trail
  script:
    - npm install --no-save --no-audit --no-fund "$CAREPLAN_PACKAGE"
    - export PATH="$PWD/node_modules/.bin:$PATH"
    # The test report first, so that it is there whatever fails next (exit 1 means findings:
    # they are in the report, and the readable \`careplan check\` below fails the job with them).
    - careplan check${repo} --format junit > careplan-junit.xml || [ $? -eq 1 ]
    - careplan validate${repo}
    - careplan check${repo}
    - careplan verify${repo}
  artifacts:
    when: always
    reports:
      junit: careplan-junit.xml
`,
  };
}
