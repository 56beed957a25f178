// The agent's wait for the commands it runs (wait_or_kill in bundle/.spot-deploy/agent.py): the
// exit status as it is, a time limit that kills the command's whole process group, and no kill
// once the command's exit has been seen. Runs the function itself under python3 (or
// SPOT_DEPLOY_TEST_PYTHON).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AGENT, isAlive } from '../helpers/agent-instance.js';

const PYTHON = process.env.SPOT_DEPLOY_TEST_PYTHON ?? 'python3';

/** Runs `body` (Python, `agent` imported, `subprocess` and `time` too); returns its stdout lines. */
function py(body: string): { lines: string[]; stderr: string } {
  const script = [
    'import importlib.util, subprocess, sys, time',
    `spec = importlib.util.spec_from_file_location("agent", ${JSON.stringify(AGENT)})`,
    'agent = importlib.util.module_from_spec(spec)',
    'spec.loader.exec_module(agent)',
    'def start(cmd):',
    '    return subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.PIPE, start_new_session=True)',
    body,
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return { lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

const waitDead = async (pid: number) => {
  for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
};

describe('wait_or_kill', { timeout: 30_000 }, () => {
  it('returns the exit status as it is', () => {
    const { lines } = py('print(agent.wait_or_kill(start("exit 3"), 5))');
    expect(lines).toEqual(['3']);
  });

  it('past the limit: None, and the whole process group killed', async () => {
    const { lines } = py(
      [
        'p = start("sleep 30 & echo $!; wait")',
        'bg = p.stdout.readline().strip().decode()',
        't = time.monotonic()',
        'code = agent.wait_or_kill(p, 0.5)',
        'print(code, bg, round(time.monotonic() - t))',
      ].join('\n'),
    );
    const [code, bg, secs] = (lines[0] ?? '').split(' ');
    expect(code).toBe('None');
    expect(Number(secs)).toBeLessThan(5);
    expect(await waitDead(Number(bg))).toBe(true);
  });

  it('a command that ended before its limit: its status, and nothing of its group killed later', async () => {
    // The command leaves a background child in its group and exits at once; 2 s later (past the
    // 1 s limit) that child still runs: the timer was stopped once the exit was seen.
    const { lines } = py(
      [
        'p = start("sleep 30 >/dev/null 2>&1 & echo $!")',
        'bg = p.stdout.readline().strip().decode()',
        'print(agent.wait_or_kill(p, 1.0), bg)',
        'time.sleep(2)',
      ].join('\n'),
    );
    const [code, bg] = (lines[0] ?? '').split(' ');
    const pid = Number(bg);
    try {
      expect(code).toBe('0');
      expect(isAlive(pid)).toBe(true);
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('no limit beyond what a timer can hold: waits, and no thread dies of it', () => {
    const { lines, stderr } = py('print(agent.wait_or_kill(start("exit 0"), float("inf")))');
    expect(lines).toEqual(['0']);
    expect(stderr).not.toMatch(/Traceback|OverflowError/);
  });
});
