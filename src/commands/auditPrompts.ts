import type { AgreedAction } from '../audit/savedAudit.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { isCalendarDate } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';

type Ask = (question: Record<string, unknown>) => Promise<unknown>;

async function asker(io: Io): Promise<Ask> {
  const { default: inquirer } = await import('inquirer');
  const prompt = inquirer.createPromptModule({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  return async (question) => {
    try {
      const answers = await prompt([{ ...question, name: 'value' }] as never);
      return (answers as Record<string, unknown>).value;
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw new UsageError('Cancelled; nothing was saved.');
      throw error;
    }
  };
}

/** What is wrong with an action's parts, or undefined. */
export function actionProblem(ws: Workspace, action: AgreedAction): string | undefined {
  if (!action.description.trim()) return 'the action has no text';
  if (!ws.staff.has(action.owner)) return `owner ${action.owner} is not on the staff roster`;
  if (!isCalendarDate(action.due)) return `due "${action.due}" is not a date YYYY-MM-DD`;
  return undefined;
}

/** `--action "text;owner;due"`: the text may itself hold semicolons, so owner and due are the last two parts. */
export function parseAction(ws: Workspace, value: string): AgreedAction {
  const parts = value.split(';');
  if (parts.length < 3) {
    throw new UsageError(
      `--action "${value}" needs three parts: "what is to be done;owner staff id;due date".`,
      'For example: --action "Hold Arthur\'s plan review;s-priya;2026-12-03"',
    );
  }
  const due = parts.pop()!.trim();
  const owner = parts.pop()!.trim();
  const action = { description: parts.join(';').trim(), owner, due };
  const problem = actionProblem(ws, action);
  if (problem)
    throw new UsageError(`--action "${value}": ${problem}.`, 'Write it as "what is to be done;owner staff id;due date YYYY-MM-DD".');
  return action;
}

/** Asks for the agreed actions one by one on a terminal; an empty answer ends the list. */
export async function promptActions(io: Io, ws: Workspace): Promise<AgreedAction[]> {
  const ask = await asker(io);
  const actions: AgreedAction[] = [];
  for (;;) {
    const description = String(
      await ask({ type: 'input', message: `Agreed action ${actions.length + 1} (leave empty when there are no more):` }),
    ).trim();
    if (!description) return actions;
    const owner = String(
      await ask({
        type: 'input',
        message: 'Owner (staff id):',
        validate: (v: string) => (ws.staff.has(v.trim()) ? true : `${v.trim() || '(empty)'} is not on the staff roster`),
      }),
    ).trim();
    const due = String(
      await ask({
        type: 'input',
        message: 'Due (YYYY-MM-DD):',
        validate: (v: string) => (isCalendarDate(v.trim()) ? true : 'a date such as 2026-12-10'),
      }),
    ).trim();
    actions.push({ description, owner, due });
  }
}

/** Asks whether to replace a saved audit; false unless the answer is yes. */
export async function confirmReplace(io: Io, file: string): Promise<boolean> {
  const ask = await asker(io);
  return Boolean(await ask({ type: 'confirm', message: `${file} is already saved. An audit is a record: replace it?`, default: false }));
}
