// The command-line equivalent of what a page does, to copy (issue 12), in slipway-cli's own syntax
// (cli/, issue 13; every command's --help is in cli/src/test/resources/golden/help.txt). Every kind
// of line the pages print is in test/cli-commands.txt, which the console's tests keep to what it
// prints and the CLI's ConsoleCommandsTest parses: a line the CLI would refuse fails a build.
export const CLI_NAME = 'slipway-cli';

/** An argument written as it is, unquoted: a shell expansion such as "$VALUE". */
export interface Raw { raw: string }

export type Arg = string | number | boolean | null | undefined | false | Raw | Arg[];

/** An argument as a POSIX shell reads it back: bare when it is plain, else single-quoted. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9._:/@%+=,-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `--flag value`, or nothing when there is no value. */
export function option(flag: string, value: string | number | boolean | null | undefined): string[] {
  return value === undefined || value === null || value === '' ? [] : [flag, String(value)];
}

/** A `slipway-cli <command> <args...>` line; false, null, undefined and '' arguments are left out. */
export function cliCommand(command: string, ...args: Arg[]): string {
  const words: string[] = [];
  const add = (a: Arg) => {
    if (Array.isArray(a)) a.forEach(add);
    else if (typeof a === 'object' && a !== null) words.push(a.raw);
    else if (a !== undefined && a !== null && a !== false && a !== '') words.push(shellQuote(String(a)));
  };
  args.forEach(add);
  return [CLI_NAME, command, ...words].join(' ');
}

/** Standing in for a sensitive value, which the console never prints (VAR-2): the user's shell fills it in. */
export const SENSITIVE_VALUE: Raw = { raw: '"$VALUE"' };

/** `-p <project> [-e <environment>]`, the CLI's global options (issue 13). */
export const target = (projectId: string, environmentId?: string) =>
  [...option('-p', projectId), ...option('-e', environmentId)];

/** An empty argument, which cliCommand otherwise leaves out. */
export const EMPTY: Raw = { raw: "''" };
