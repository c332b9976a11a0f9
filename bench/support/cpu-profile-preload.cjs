// Preloaded with NODE_OPTIONS="--require <this file>" to write a V8 CPU
// profile of an `engram serve` process (Node refuses --cpu-prof in
// NODE_OPTIONS). Profiles only the process whose command line says `serve`,
// not npx around it; writes <ENGRAM_CPU_PROFILE_DIR>/engram-serve-<pid>.cpuprofile
// when the process exits (the server exits cleanly on SIGTERM).
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const directory = process.env.ENGRAM_CPU_PROFILE_DIR;
if (directory && process.argv.includes('serve')) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // SIGUSR2 discards what was profiled so far: a benchmark signals it after its set-up (ingestion)
  // so the profile covers only the measured requests.
  process.on('SIGUSR2', () => {
    session.post('Profiler.stop', () => session.post('Profiler.start'));
  });
  process.once('exit', () => {
    // The in-process inspector answers synchronously, so this completes before exit.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(directory, { recursive: true });
      writeFileSync(
        join(directory, `engram-serve-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
