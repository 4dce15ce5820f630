import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { RecordError, UsageError } from '../errors.js';
import { canPrompt, type Io } from '../io.js';
import { isTimeZone } from '../model/time.js';
import { commitFiles, git, workTreeRoot } from '../repo/git.js';
import { CONFIG_FILE } from '../repo/loader.js';
import { describeSchemaErrors } from '../repo/schemaMessages.js';
import { SCHEMAS_DIR, schemaFiles, validatorFor } from '../repo/schemas.js';
import { careplanYaml, EDITOR_SCHEMA_GLOBS, GITIGNORE, gitignoreAdding, RECORD_FOLDERS } from '../repo/template.js';
import { writeFileAtomic, writeRecordAtomic } from '../repo/atomicWrite.js';
import { ciWorkflow } from '../repo/ciTemplates.js';
import type { GlobalOptions } from './options.js';

export interface InitOptions extends GlobalOptions {
  dir: string;
  provider?: string;
  locationId?: string;
  timezone?: string;
  ci?: 'github' | 'gitlab';
  commit?: boolean;
}

async function providerName(options: InitOptions, io: Io): Promise<string> {
  if (options.provider?.trim()) return options.provider.trim();
  if (!canPrompt(io, options.input === false)) {
    throw new UsageError('The provider name is missing.', 'Pass --provider "Sunrise House" (there is no terminal to ask on).');
  }
  const { default: inquirer } = await import('inquirer');
  const answer = await inquirer.prompt<{ name: string }>([
    { type: 'input', name: 'name', message: 'Provider (care home) name:', validate: (v: string) => (v.trim() ? true : 'Enter a name') },
  ]);
  return answer.name.trim();
}

/** `careplan init [DIR]`: a new records repository, committed in git. */
export async function init(options: InitOptions, io: Io): Promise<number> {
  const dir = path.resolve(io.cwd, options.dir ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} is a file, not a folder.`, 'Choose a new or empty folder for the records repository.');
  }
  if (existsSync(path.join(dir, CONFIG_FILE))) {
    throw new UsageError(
      `${path.join(dir, CONFIG_FILE)} already exists: ${dir} is already a records repository, and init never overwrites one.`,
      'Use that repository as it is, or choose an empty folder.',
    );
  }
  const timezone = options.timezone ?? 'Europe/London';
  if (!isTimeZone(timezone)) throw new UsageError(`--timezone "${timezone}" is not an IANA timezone.`, 'Use a name such as Europe/London.');
  const name = await providerName(options, io);
  const config = careplanYaml({ name, location_id: options.locationId }, timezone);

  const validate = validatorFor('careplan.schema.json');
  const parsed = jsYaml.load(config, { schema: jsYaml.CORE_SCHEMA });
  if (!validate(parsed)) {
    const problem = describeSchemaErrors(validate.errors ?? [], parsed)[0];
    throw new RecordError(
      `careplan.yaml would be invalid: ${problem?.message ?? 'schema check failed'}.`,
      problem?.path.includes('location_id') ? 'A CQC location id looks like 1-000000001.' : undefined,
    );
  }

  const written: string[] = [];
  const write = (rel: string, content: string, { keep = false } = {}) => {
    const abs = path.join(dir, rel);
    if (keep && existsSync(abs)) {
      io.stderr.write(`kept the existing ${rel}\n`);
      return;
    }
    // Inside the new repository nothing is written through a link; the CI file may sit above it (at the git top).
    if (rel.startsWith('../')) writeFileAtomic(abs, content);
    else writeRecordAtomic(dir, rel, content);
    written.push(rel);
  };

  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot create ${dir}: ${(error as Error).message}.`, 'Check the path and that you may write there.');
  }
  write(CONFIG_FILE, config);
  for (const folder of RECORD_FOLDERS) write(`${folder}/.gitkeep`, '', { keep: true });
  const ignore = path.join(dir, '.gitignore');
  if (!existsSync(ignore)) write('.gitignore', GITIGNORE);
  else {
    const extended = gitignoreAdding(readFileSync(ignore, 'utf8'));
    if (extended) {
      write('.gitignore', extended.text);
      const added =
        extended.added.length > 1
          ? `${extended.added.slice(0, -1).join(', ')} and ${extended.added[extended.added.length - 1]}`
          : extended.added[0];
      io.stderr.write(`added ${added} to the existing .gitignore\n`);
    }
  }

  // Editor wiring: the schemas travel with the repository, so VS Code validates and completes
  // records for everyone who opens it, with nothing to install but the YAML extension.
  for (const file of schemaFiles()) {
    writeRecordAtomic(dir, `.careplan/schemas/${file}`, readFileSync(path.join(SCHEMAS_DIR, file)));
    written.push(`.careplan/schemas/${file}`);
  }
  const yamlSchemas = Object.fromEntries(
    Object.entries(EDITOR_SCHEMA_GLOBS).map(([file, globs]) => [`./.careplan/schemas/${file}`, globs]),
  );
  write(
    '.vscode/settings.json',
    `${JSON.stringify({ 'yaml.schemas': yamlSchemas, 'yaml.customTags': [], 'files.insertFinalNewline': true }, null, 2)}\n`,
    { keep: true },
  );
  write('.vscode/extensions.json', `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`, { keep: true });
  const top = await workTreeRoot(dir);
  if (options.ci) {
    // CI reads its file only at the top of the git repository, so records in a sub-folder of an
    // existing repository get the workflow there, running careplan with --repo <sub-folder>.
    const real = realpathSync(dir);
    const ciRoot = top ?? real;
    const branch = top ? (await git(top, ['symbolic-ref', '--short', '-q', 'HEAD'])).stdout.trim() || 'main' : 'main';
    const recordsPath = path.relative(ciRoot, real).split(path.sep).join('/');
    const workflow = ciWorkflow(options.ci, { branch, recordsPath });
    const file = path.relative(real, path.join(ciRoot, workflow.file)).split(path.sep).join('/');
    write(file, workflow.content, { keep: true });
    if (recordsPath && written.includes(file)) {
      io.stderr.write(`wrote the CI workflow at the top of the git repository: ${path.join(ciRoot, workflow.file)}\n`);
    }
  }

  if (!top) {
    const result = await git(dir, ['init', '--quiet', '--initial-branch=main']);
    if (result.exitCode !== 0)
      throw new UsageError(`git init failed in ${dir}: ${result.stderr.trim()}`, 'Install git, or check the folder is writable.');
  }
  if (options.commit !== false) {
    const commit = await commitFiles(dir, written, `Start care records for ${name}`, { action: 'init' });
    if (!commit.ok) {
      io.stderr.write(
        `careplan: warning: the repository was created but not committed: ${commit.message}\n` +
          'Set your identity (git config user.name / user.email) and run: ' +
          `git -C ${dir} add -A && git -C ${dir} commit -m "Start care records"\n`,
      );
    }
  }
  io.stdout.write(`Created a careplan records repository for ${name} in ${dir}\n`);
  io.stderr.write(
    `Next: add your staff (careplan staff add) and the people you support (careplan person add),\n` +
      `then run \`careplan validate\` to check the records.\n`,
  );
  return 0;
}
