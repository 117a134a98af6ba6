import 'server-only';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The process's structured JSON logger (pino): one line per event on stdout. Callers log chosen
 * fields only; the redaction below is a second line of defence for secrets passed by mistake.
 * Silent under vitest unless PULSE_LOG_LEVEL asks for output.
 */
export function createLogger(destination?: DestinationStream, level = process.env.PULSE_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['password', 'token', 'cookie', 'secret', 'headers.cookie', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
    },
    destination,
  );
}

const g = globalThis as { __pulseLog?: Logger };

/** One logger per process, however many route bundles import this module. */
export function logger(): Logger {
  return (g.__pulseLog ??= createLogger());
}

/** Tests swap in a logger that writes where they can read it; returns the one it replaced. */
export function setLogger(next: Logger): Logger {
  const previous = logger();
  g.__pulseLog = next;
  return previous;
}

/** Engine messages may quote the values they failed on: logs keep the shape, not the values. */
export function withoutLiterals(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "'?'");
}
