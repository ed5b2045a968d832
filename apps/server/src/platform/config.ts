import path from 'node:path';

/**
 * Every setting Frontdesk reads from the environment, declared once: its type, default,
 * description and whether it is a secret. `loadConfig` validates them all at start-up and
 * a bad value stops the process with a message naming the variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Parser<T> = (raw: string, variable: string) => T;

interface Variable<T> {
  description: string;
  default: T;
  secret?: boolean;
  parse: Parser<T>;
}

const text: Parser<string> = (raw) => raw;
const optionalText: Parser<string | undefined> = (raw) => raw || undefined;

const port: Parser<number> = (raw, variable) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(variable, `"${raw}" is not a port number (0-65535)`);
  }
  return value;
};

const url =
  (protocols: string[]): Parser<string | undefined> =>
  (raw, variable) => {
    if (!raw) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(variable, `is not a valid URL (expected ${protocols[0]}//host:port/...)`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(variable, `must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    }
    return raw;
  };

const masterKey: Parser<Buffer | undefined> = (raw, variable) => {
  if (!raw) return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(variable, 'must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  }
  return key;
};

const masterKeys: Parser<Buffer[]> = (raw, variable) =>
  raw
    .split(',')
    .filter(Boolean)
    .map((part) => masterKey(part.trim(), variable) as Buffer);

const positiveInteger: Parser<number> = (raw, variable) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(variable, `"${raw}" is not a positive integer`);
  return value;
};

/** Comma-separated hosts, IP addresses or CIDR ranges; each entry is checked by the outbound guard. */
const hostList: Parser<string[]> = (raw, variable) =>
  raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      if (!/^[a-z0-9.:\-[\]*]+(\/\d{1,3})?$/.test(entry)) {
        throw new ConfigError(variable, `"${entry}" is not a host name, IP address or CIDR range (e.g. 10.0.0.0/8)`);
      }
      return entry;
    });

const role: Parser<'all' | 'api' | 'worker'> = (raw, variable) => {
  if (raw === 'all' || raw === 'api' || raw === 'worker') return raw;
  throw new ConfigError(variable, `must be one of all, api, worker; got "${raw}"`);
};

const logLevel: Parser<string> = (raw, variable) => {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (levels.includes(raw)) return raw;
  throw new ConfigError(variable, `must be one of ${levels.join(', ')}`);
};

export const variables = {
  PORT: { description: 'HTTP port', default: 3000, parse: port },
  HOST: { description: 'Interface to listen on', default: '127.0.0.1', parse: text },
  DATA_DIR: {
    description: 'Where the embedded database (PGlite) and the generated master key live',
    default: './data',
    parse: text,
  },
  DATABASE_URL: {
    description: 'PostgreSQL URL; when set, PGlite is not used',
    default: undefined,
    secret: true,
    parse: url(['postgres:', 'postgresql:']),
  },
  REDIS_URL: {
    description: 'Redis URL; when set, pub/sub and jobs run across nodes',
    default: undefined,
    secret: true,
    parse: url(['redis:', 'rediss:']),
  },
  REDIS_PREFIX: {
    description: 'Prefix of Redis keys and channels, so several installations can share one Redis',
    default: 'frontdesk',
    parse: text,
  },
  PUBLIC_URL: {
    description: 'How browsers reach this server (defaults to http://HOST:PORT)',
    default: undefined,
    parse: url(['http:', 'https:']),
  },
  MASTER_KEY: {
    description: 'Key for encryption at rest (base64, 32 bytes); generated into DATA_DIR when unset',
    default: undefined,
    secret: true,
    parse: masterKey,
  },
  MASTER_KEY_PREVIOUS: {
    description: 'Retired master keys, comma-separated, still accepted for decryption during rotation',
    default: [],
    secret: true,
    parse: masterKeys,
  },
  ROLE: { description: 'Process role: all, api (HTTP only) or worker (dispatcher and jobs only)', default: 'all', parse: role },
  LOG_LEVEL: { description: 'Log level', default: 'info', parse: logLevel },
  FRONTDESK_ADMIN_EMAIL: {
    description: 'Provisioning: ensure a workspace owned by this teammate',
    default: undefined,
    parse: optionalText,
  },
  FRONTDESK_ADMIN_PASSWORD: {
    description: 'Provisioning: the password of FRONTDESK_ADMIN_EMAIL',
    default: undefined,
    secret: true,
    parse: optionalText,
  },
  FRONTDESK_WORKSPACE_NAME: {
    description: 'Provisioning: the workspace name',
    default: 'My workspace',
    parse: text,
  },
  FRONTDESK_API_TOKEN: {
    description: 'Provisioning: ensure an API access token with exactly this value',
    default: undefined,
    secret: true,
    parse: optionalText,
  },
  API_RATE_LIMIT_PER_TOKEN: {
    description: 'REST API: requests allowed per access token in each API_RATE_LIMIT_WINDOW_SECONDS window (then 429)',
    default: 1000,
    parse: positiveInteger,
  },
  API_RATE_LIMIT_PER_WORKSPACE: {
    description: 'REST API: requests allowed per workspace, all its tokens together, in each API_RATE_LIMIT_WINDOW_SECONDS window',
    default: 5000,
    parse: positiveInteger,
  },
  API_RATE_LIMIT_WINDOW_SECONDS: {
    description: 'REST API: length of the fixed rate-limit window in seconds (counted in memory, or in Redis when REDIS_URL is set)',
    default: 60,
    parse: positiveInteger,
  },
  OUTBOUND_ALLOWLIST: {
    description:
      'Outbound HTTP (webhooks, custom actions): hosts, IP addresses or CIDR ranges, comma-separated, that may be reached even though they are loopback, private, link-local or metadata addresses',
    default: [],
    parse: hostList,
  },
  OUTBOUND_TIMEOUT_MS: {
    description: 'Outbound HTTP: how long one request may take, redirects included, before it is abandoned',
    default: 5000,
    parse: positiveInteger,
  },
  WEBHOOK_RETRY_BASE_MS: {
    description: 'Webhooks: delay before the first retry of a failed delivery; doubles at each further attempt (6 attempts in all)',
    default: 60_000,
    parse: positiveInteger,
  },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof variables;
export type Config = { [K in keyof Variables]: ReturnType<Variables[K]['parse']> } & {
  publicUrl: string;
  dataDir: string;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const raw = env[name];
    values[name] = raw === undefined || raw === '' ? variable.default : variable.parse(raw, name);
  }
  const config = values as Config;
  if (config.FRONTDESK_ADMIN_EMAIL && !config.FRONTDESK_ADMIN_PASSWORD) {
    throw new ConfigError('FRONTDESK_ADMIN_PASSWORD', 'is required when FRONTDESK_ADMIN_EMAIL is set');
  }
  if (config.FRONTDESK_API_TOKEN && !config.FRONTDESK_ADMIN_EMAIL) {
    throw new ConfigError('FRONTDESK_API_TOKEN', 'needs FRONTDESK_ADMIN_EMAIL to name the workspace it belongs to');
  }
  config.dataDir = path.resolve(config.DATA_DIR);
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  config.publicUrl = (config.PUBLIC_URL ?? `http://${shownHost}:${config.PORT}`).replace(/\/$/, '');
  return config;
}

/** The configuration as it may appear in a log line: secrets masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const value = config[name as keyof Variables];
    shown[name] = variable.secret && value !== undefined && value !== null ? '***' : value;
  }
  return shown;
}
