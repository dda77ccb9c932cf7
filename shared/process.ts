import type { Logger } from './logger';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Runs `shutdown` once on SIGINT, SIGTERM, or when the parent process that started this one over
 * IPC goes away (so a killed `npm start` leaves no orphans), then exits. Further signals during
 * shutdown are ignored: Ctrl-C reaches both `npm start` and its children, and the parent forwards
 * it too. A shutdown that hangs is cut off after ten seconds.
 */
export function onShutdown(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { reason });
    setTimeout(() => {
      logger.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    shutdown()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (process.connected) process.on('disconnect', () => stop('parent exited'));
}
