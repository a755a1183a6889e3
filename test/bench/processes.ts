import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The first JSON line the child printed (its address). */
  hello: Record<string, any>;
  stop: () => Promise<void>;
}

/**
 * Starts an entry point in its own process — TypeScript through tsx, or built JavaScript as the
 * image runs it — and waits for its first JSON line.
 */
export async function spawnEntry(
  entry: string,
  env: Record<string, string>,
  waitForJson = true,
  nodeArgs: string[] = [],
  args: string[] = [],
): Promise<Child> {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hello: Record<string, any> = {};
  if (waitForJson) {
    const lines = createInterface({ input: child.stdout! });
    hello = await new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
      lines.on('line', (line) => {
        if (line.startsWith('{"baseUrl"') || line.startsWith('{"port"')) resolve(JSON.parse(line));
      });
    });
  }
  child.stdout!.resume();
  return {
    process: child,
    pid: child.pid!,
    hello,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 12_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Polls a URL until it answers 200. */
export async function waitForOk(url: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await fetch(url).then((response) => response.status, () => 0)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never became ready`);
}
