import { UsageError } from '../errors.js';
import { canPrompt, unguarded, type Io } from '../io.js';
import { firstActingCharacter, oneLine } from '../format/safeText.js';

export interface Choice<T> {
  name: string;
  value: T;
}

interface Common {
  /** The flag that gives this value without a terminal. */
  flag: string;
  /** An example value for the error message when there is no terminal. */
  example: string;
  message: string;
}

type PromptModule = (questions: Record<string, unknown>[]) => Promise<Record<string, unknown>>;

/**
 * Prompts only on a terminal (STYLE 7, gh's CanPrompt): every question names the flag that
 * answers it, and without a terminal (or with --no-input) a missing value is a usage error
 * naming that flag.
 */
export class Asker {
  readonly interactive: boolean;
  private module?: PromptModule;

  constructor(
    private readonly io: Io,
    noInput: boolean,
  ) {
    this.interactive = canPrompt(io, noInput);
  }

  private missing(what: Common): never {
    throw new UsageError(
      `No value for "${what.message.replace(/:\s*$/, '').trim()}".`,
      `Pass ${`${what.flag} ${what.example}`.trim()} (there is no terminal ` +
        `to ask on${this.io.stdin.isTTY ? ', or --no-input was given' : ''}).`,
    );
  }

  private async prompt<T>(question: Record<string, unknown>): Promise<T> {
    if (!this.module) {
      const { default: inquirer } = await import('inquirer');
      const output = unguarded(this.io.stdout) as NodeJS.WritableStream;
      this.module = inquirer.createPromptModule({ input: this.io.stdin, output }) as unknown as PromptModule;
    }
    // Prompts draw on the terminal directly: record text in a question or a choice is shown escaped.
    const choices = question.choices as Choice<unknown>[] | undefined;
    const shown = {
      ...question,
      message: oneLine(String(question.message)),
      ...(choices ? { choices: choices.map((c) => ({ ...c, name: oneLine(c.name) })) } : {}),
    };
    try {
      const answers = await this.module([{ ...shown, name: 'value' }]);
      return answers.value as T;
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw new UsageError('Cancelled; nothing was written.');
      throw error;
    }
  }

  /**
   * Free text; `optional` accepts an empty answer (returned as undefined). `check` says what is
   * wrong with an answer (undefined when it will do), and the question is asked again.
   */
  async text(
    what: Common & { default?: string; optional?: boolean; check?: (answer: string) => string | undefined },
  ): Promise<string | undefined> {
    if (!this.interactive) {
      if (what.optional) return undefined;
      this.missing(what);
    }
    const answer = await this.prompt<string>({
      type: 'input',
      message: what.message,
      default: what.default,
      validate: (v: string) => {
        const acting = firstActingCharacter(v);
        if (acting) return `Please remove the control character ${acting.shown} (character ${acting.index + 1})`;
        return v.trim() ? (what.check?.(v.trim()) ?? true) : what.optional ? true : 'Please enter a value';
      },
    });
    return answer.trim() === '' ? undefined : answer.trim();
  }

  async select<T>(what: Common & { choices: Choice<T>[]; default?: T }): Promise<T> {
    if (!this.interactive) this.missing(what);
    return this.prompt<T>({ type: 'select', message: what.message, choices: what.choices, default: what.default, loop: false });
  }

  async checkbox<T>(what: Common & { choices: (Choice<T> & { checked?: boolean })[]; required?: boolean }): Promise<T[]> {
    if (!this.interactive) {
      if (!what.required) return [];
      this.missing(what);
    }
    return this.prompt<T[]>({ type: 'checkbox', message: what.message, choices: what.choices, required: what.required, loop: false });
  }

  /**
   * A yes/no question. Without a terminal the default stands, unless `required`: then the answer
   * is a fact only a person can give, and its flag must be passed.
   */
  async confirm(what: Omit<Common, 'example'> & { default: boolean; required?: boolean; example?: string }): Promise<boolean> {
    if (!this.interactive) {
      if (what.required) this.missing({ ...what, example: what.example ?? '' });
      return what.default;
    }
    return this.prompt<boolean>({ type: 'confirm', message: what.message, default: what.default });
  }
}
