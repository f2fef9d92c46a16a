import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own: initdb into a temporary directory, started on a free
 * 127.0.0.1 port, which the test may stop and start at will (the machine's shared server on 5432
 * is never touched). The superuser `postgres` connects without a password; every other role must
 * give its real password (scram-sha-256), so a wrong password fails as it would in production. `destroy()` stops it and deletes its
 * files; a process 'exit' hook does the same if the test process ends without calling it.
 *
 * initdb refuses to run as root, so under root (CI) every server command runs as the `postgres`
 * user through runuser, in a directory handed to that user.
 */
export interface ThrowawayCluster {
  port: number;
  /** postgresql://postgres@127.0.0.1:PORT/<database> */
  url(database?: string): string;
  /** Fast shutdown: active sessions are terminated, new connections refused. Resolves once it is down. */
  stop(): Promise<void>;
  /** Resolves once the server accepts connections. */
  start(): Promise<void>;
  running(): boolean;
  /**
   * SIGSTOP / SIGCONT to the server and all its processes: connections stay open but nothing
   * answers, like a network partition or a stalled host.
   */
  freeze(): void;
  thaw(): void;
  log(): string;
  destroy(): void;
}

function serverBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL server binaries not found (set PG_BIN, e.g. /usr/lib/postgresql/15/bin)');
  return found;
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root needs a `postgres` system user to own the throwaway cluster');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The postmaster's pid and every process below it (backends, background workers). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return tree;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = serverBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dash-throwaway-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();

  const commandFor = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const run = (tool: string, args: string[]) => {
    const [command, argv] = commandFor(tool, args);
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, cwd: dir });
  };
  // Asynchronous so the test's own requests keep flowing while the server goes down or comes up.
  const runAsync = async (tool: string, args: string[]) => {
    const [command, argv] = commandFor(tool, args);
    await execFileAsync(command, argv, { timeout: 60_000, cwd: dir });
  };

  const postmasterPid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let frozen = false;
  const signalTree = (signal: 'SIGSTOP' | 'SIGCONT') => {
    // Stop children first and resume the postmaster first, so nothing notices the others' pause.
    const tree = processTree(postmasterPid());
    for (const pid of signal === 'SIGSTOP' ? tree.reverse() : tree) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone already
      }
    }
    frozen = signal === 'SIGSTOP';
  };

  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    process.off('exit', destroy);
    if (frozen) signalTree('SIGCONT');
    if (existsSync(join(data, 'postmaster.pid'))) {
      const [command, argv] = asRoot
        ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']]
        : [join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']];
      spawnSync(command, argv, { stdio: 'ignore', timeout: 30_000 });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', destroy);

  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=32MB',
    '-c max_connections=40',
  ].join(' ');
  const startArgs = ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'];

  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    writeFileSync(join(data, 'pg_hba.conf'), [
      'local all all trust',
      'host all postgres 127.0.0.1/32 trust',
      'host all all 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'));
    run('pg_ctl', startArgs);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    destroy();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start a throwaway PostgreSQL: ${(error as Error).message}\n${stderr}\n${log}`);
  }

  return {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => runAsync('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    start: () => runAsync('pg_ctl', startArgs),
    running: () => existsSync(join(data, 'postmaster.pid')),
    freeze: () => signalTree('SIGSTOP'),
    thaw: () => signalTree('SIGCONT'),
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    destroy,
  };
}
