// One clear line (or a short list) for each Discord failure an admin can cause, without any token.
import { SealError } from '../crypto/token-sealer.js';
import type { APIApplicationRoleConnectionMetadata } from 'discord-api-types/v10';
import { ConfigError, type Config } from '../config.js';
import {
  DiscordRequestError,
  DiscordUnavailableError,
  MisconfiguredError,
  RateLimitedError,
} from '../discord/errors.js';
import { flattenFormErrors } from '../discord/form-errors.js';
import { recordLabel } from '../metadata/schema-rules.js';

/**
 * The exit codes of every admin command (README "Exit codes"): 0 done; 1 ran, but not everything
 * succeeded; 2 could not run or stopped early (arguments, configuration, credentials, database,
 * an interruption).
 */
export const EXIT = { ok: 0, failed: 1, unusable: 2 } as const;

/** A mistake in the command's arguments. */
export class UsageError extends Error {}

/** SIGINT or SIGTERM stopped the command before its end (exit 2). */
export class InterruptedError extends Error {
  /** "Interrupted (SIGINT)": how messages about this interruption begin. */
  readonly label: string;
  constructor(signalName?: string) {
    const label = `Interrupted${signalName ? ` (${signalName})` : ''}`;
    super(`${label}: stopped before the end; run the command again to finish.`);
    this.name = 'InterruptedError';
    this.label = label;
  }
}

/** The interruption an aborted command signal carries (cli.ts aborts with one naming the signal). */
export const interruptionOf = (signal: AbortSignal): InterruptedError =>
  signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError();

/** The database could not be opened or migrated: nothing can run. */
export class DatabaseUnusableError extends Error {
  constructor(path: string, cause: unknown) {
    super(`Could not open the database at ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnusableError';
  }
}

export interface AdminErrorContext {
  config?: Pick<Config, 'clientId' | 'discordApiUrl'>;
  /** The records we sent, to name 50035 errors by record instead of by index. */
  records?: readonly APIApplicationRoleConnectionMetadata[];
  /**
   * The failed call's route carries DISCORD_CLIENT_ID (the metadata schema, a member's role
   * connection), so a 404 there means Discord does not know that id.
   */
  clientIdRoute?: boolean;
}

export function describeAdminError(error: unknown, context: AdminErrorContext = {}): { message: string; exit: number } {
  const failed = (message: string) => ({ message, exit: EXIT.failed });
  const unusable = (message: string) => ({ message, exit: EXIT.unusable });
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnusableError ||
    error instanceof UsageError ||
    error instanceof InterruptedError
  ) {
    return unusable(error.message);
  }
  if (error instanceof MisconfiguredError) return unusable(`${error.message}. ${error.fix}`);
  // A stored token sealed with a key we were not given: the configuration lacks that key.
  if (error instanceof SealError) return unusable(error.message);
  if (error instanceof DiscordRequestError) {
    if (error.code === 10002 || (error.status === 404 && context.clientIdRoute)) {
      // A DISCORD_CLIENT_ID Discord does not know: the configuration is wrong, nothing can run.
      return unusable(
        `Discord does not know application DISCORD_CLIENT_ID=${context.config?.clientId ?? '?'} (${error.status}, code ${error.code}: ${firstLine(error.message)}). Check the id in the developer portal → General Information.`,
      );
    }
    if (error.status === 404) {
      return failed(`Discord found nothing there (404, code ${error.code}: ${firstLine(error.message)}).`);
    }
    if (error.code === 50035) {
      const rows = flattenFormErrors((error.body as { errors?: unknown } | null)?.errors).map(
        ({ path, code, message }) => {
          const [head, ...rest] = path;
          const index = head !== undefined && /^\d+$/.test(head) ? Number(head) : -1;
          const where =
            index >= 0
              ? [recordLabel(context.records?.[index], index), ...rest].join(' ')
              : path.join('.') || 'request';
          return `  - ${where}: ${message} [${code}]`;
        },
      );
      return failed(['Discord refused the request (50035 Invalid Form Body):', ...rows].join('\n'));
    }
    if (error.status === 403) {
      return failed(
        `Discord refused access (403, code ${error.code}: ${firstLine(error.message)}). Is DISCORD_BOT_TOKEN the bot of this application?`,
      );
    }
    return failed(`Discord refused the request (${error.status}, code ${error.code}: ${firstLine(error.message)}).`);
  }
  if (error instanceof RateLimitedError) {
    return failed(`Discord is rate limiting us for ${Math.ceil(error.retryAfterMs / 1000)} s; try again after that.`);
  }
  if (error instanceof DiscordUnavailableError) {
    const where = context.config ? ` at ${context.config.discordApiUrl}` : '';
    if (error.reason === 'network')
      return failed(`Could not reach Discord${where}. Check the network (or DISCORD_API_URL).`);
    if (error.reason === 'timeout') return failed(`Discord${where} did not answer in time. Try again later.`);
    return failed(`Discord${where} kept failing (HTTP ${error.status ?? '?'}). Try again later.`);
  }
  return failed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}

const firstLine = (text: string) => text.split('\n')[0] ?? '';
