// A PostgreSQL cluster of the test's own (initdb into a temporary directory, pg_ctl on a free port), so a
// test may stop and start its server without touching the shared one other tests use at the same time.
// initdb refuses to run as root: as root, the cluster belongs to the `postgres` user and every command
// runs as it.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The directory of PostgreSQL's server programs (the newest installed), or undefined when there is none. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class PrivatePostgres {
  readonly url: string;
  readonly port: number;
  private readonly bin: string;
  private readonly directory: string;
  private readonly asRoot: boolean;

  private constructor(bin: string, directory: string, port: number, asRoot: boolean) {
    this.bin = bin;
    this.directory = directory;
    this.port = port;
    this.asRoot = asRoot;
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  /** Creates a cluster and starts it; throws when the binaries are missing (see `postgresBinaries`). */
  static async start(): Promise<PrivatePostgres> {
    const bin = postgresBinaries();
    if (bin === undefined) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
    const directory = mkdtempSync(join(tmpdir(), 'openami-pg-'));
    const asRoot = userInfo().uid === 0;
    const cluster = new PrivatePostgres(bin, directory, await freePort(), asRoot);
    if (asRoot) {
      chmodSync(directory, 0o755);
      execFileSync('chown', ['postgres:postgres', directory]);
    }
    cluster.run('initdb', ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    cluster.pgStart();
    return cluster;
  }

  private get data(): string {
    return join(this.directory, 'data');
  }

  /** Starts the server and waits until it accepts connections. */
  pgStart(): void {
    const options = `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.directory, 'log'), '-w', 'start']);
  }

  /** Stops the server: `fast` ends the sessions and shuts down cleanly, `immediate` as a crash would. */
  pgStop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  /** Runs psql as another process would: one statement. */
  psql(statement: string): void {
    this.run('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-c', statement]);
  }

  /** Stops the server (if running) and removes the cluster. */
  destroy(): void {
    try {
      this.pgStop('immediate');
    } catch {
      // Already stopped.
    }
    rmSync(this.directory, { recursive: true, force: true });
  }

  private run(program: string, args: readonly string[]): void {
    const path = join(this.bin, program);
    const [command, commandArgs] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
      : [path, [...args]];
    execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.directory });
  }
}
