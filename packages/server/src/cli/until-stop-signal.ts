/**
 * Resolves once the process got SIGINT or SIGTERM and `stop(signal)` has
 * finished: long-running commands (`serve`, `worker`) drain and close
 * their store in `stop`, then return their exit code.
 */
export function untilStopSignal(stop: (signal: NodeJS.Signals) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => void stop(signal).then(resolve);
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}
