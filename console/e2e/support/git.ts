// A developer at a terminal, as system-tests' GitUser: an ed25519 key made by ssh-keygen and
// registered through ssh-gateway's public API (SSH-1), then the real git and OpenSSH clients.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

export class GitUser {
  private constructor(private readonly home: string, private readonly key: string) {}

  /** A new key for the user whose token `api` carries, registered with POST /api/v1/ssh-keys. */
  static async registered(api: APIRequestContext, user: string): Promise<GitUser> {
    const home = mkdtempSync(join(tmpdir(), `slipway-e2e-${user}-`));
    const key = join(home, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${user}@e2e`, '-f', key]);
    const added = await api.post('api/v1/ssh-keys',
      { data: { publicKey: readFileSync(`${key}.pub`, 'utf8').trim(), title: 'browser test key' } });
    expect(added.status(), await added.text()).toBe(201);
    return new GitUser(home, key);
  }

  private git(args: string[], cwd: string): string {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: this.home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        GIT_SSH_COMMAND: `ssh -i ${this.key} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR`,
      },
    });
  }

  /** Clones `url` (ssh://git@host:port/<project>.git), writes `files`, commits them and pushes to `branch`; returns the commit. */
  commitAndPush(url: string, files: Record<string, string>, branch: string, message: string): string {
    const work = mkdtempSync(join(this.home, 'work-'));
    this.git(['clone', '-q', url, '.'], work);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    this.git(['add', '-A'], work);
    this.git(['-c', 'user.name=E2E Developer', '-c', 'user.email=dev@e2e.invalid', '-c', 'commit.gpgsign=false',
      'commit', '-q', '-m', message], work);
    const commit = this.git(['rev-parse', 'HEAD'], work).trim();
    this.git(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`], work);
    return commit;
  }
}
