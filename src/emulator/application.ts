// The emulated application (README §7): its editable settings, the servers its bot is in, and its API bodies.
import { randomSnowflake } from './ids.js';
import type { ApplicationChanges, EmulatedApplication, InstallParams, WebhookEventType } from './types.js';

export interface ApplicationConfig {
  id: string;
  name: string;
  redirectUris: readonly string[];
  /** Servers the emulator knows by name (the consent page's guilds). */
  guilds: readonly { id: string; name: string }[];
  botGuildIds: readonly string[];
  verificationUrl: string | null;
  eventWebhooksUrl: string | null;
  /** Application flags; default GATEWAY_GUILD_MEMBERS_LIMITED (the Server Members intent switched on). */
  flags?: number;
}

/** GATEWAY_GUILD_MEMBERS (approved) and GATEWAY_GUILD_MEMBERS_LIMITED (switched on below the review threshold). */
export const GATEWAY_GUILD_MEMBERS = 1 << 14;
export const GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15;

/** For a state built without one: a random id, no servers, no URLs set. */
export function defaultApplication(redirectUris: readonly string[]): ApplicationConfig {
  return {
    id: randomSnowflake(),
    name: 'Tag Roles (emulated)',
    redirectUris,
    guilds: [],
    botGuildIds: [],
    verificationUrl: null,
    eventWebhooksUrl: null,
  };
}

export interface EmulatedGuild {
  id: string;
  name: string;
  icon: null;
  owner_id: string;
  features: string[];
  approximate_member_count: number;
  approximate_presence_count: number;
}

export type GuildLookup = { found: 'member'; guild: EmulatedGuild } | { found: 'no-access' } | { found: 'unknown' };

interface Settings {
  description: string;
  role_connections_verification_url: string | null;
  event_webhooks_url: string | null;
  event_webhooks_status: 1 | 2 | 3;
  event_webhooks_types: WebhookEventType[];
  flags: number;
  tags?: string[];
  custom_install_url?: string;
  install_params?: InstallParams;
}

const copyParams = (p: InstallParams): InstallParams => ({ scopes: [...p.scopes], permissions: p.permissions });

export class ApplicationStore {
  private settings!: Settings;
  private names = new Map<string, string>();
  private botGuilds = new Set<string>();

  constructor(
    private readonly config: ApplicationConfig,
    private readonly verifyKey: string,
  ) {
    this.reset();
  }

  /** Back to the settings and bot servers the emulator started with. */
  reset(): void {
    this.settings = {
      description: '',
      role_connections_verification_url: this.config.verificationUrl,
      event_webhooks_url: this.config.eventWebhooksUrl,
      event_webhooks_status: 1,
      event_webhooks_types: [],
      flags: this.config.flags ?? GATEWAY_GUILD_MEMBERS_LIMITED,
    };
    this.names = new Map(this.config.guilds.map((g) => [g.id, g.name]));
    this.botGuilds = new Set();
    for (const id of this.config.botGuildIds) this.addBot(id);
  }

  body(): EmulatedApplication {
    const s = this.settings;
    const body: EmulatedApplication = {
      id: this.config.id,
      name: this.config.name,
      icon: null,
      description: s.description,
      verify_key: this.verifyKey,
      flags: s.flags,
      bot_public: true,
      bot_require_code_grant: false,
      redirect_uris: [...this.config.redirectUris],
      role_connections_verification_url: s.role_connections_verification_url,
      event_webhooks_url: s.event_webhooks_url,
      event_webhooks_status: s.event_webhooks_status,
      event_webhooks_types: [...s.event_webhooks_types],
      approximate_guild_count: this.botGuilds.size,
      // Discord gives an application's bot user the application's id.
      bot: {
        id: this.config.id,
        username: this.config.name,
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
    };
    if (s.tags) body.tags = [...s.tags];
    if (s.custom_install_url) body.custom_install_url = s.custom_install_url;
    if (s.install_params) body.install_params = copyParams(s.install_params);
    return body;
  }

  /** Applies the fields present in `changes`; null clears tags, custom_install_url and install_params. */
  update(changes: ApplicationChanges): void {
    const s = this.settings;
    const c = changes;
    if (c.description !== undefined) s.description = c.description;
    if (c.role_connections_verification_url !== undefined) {
      s.role_connections_verification_url = c.role_connections_verification_url;
    }
    if (c.event_webhooks_url !== undefined) s.event_webhooks_url = c.event_webhooks_url;
    if (c.event_webhooks_status !== undefined) s.event_webhooks_status = c.event_webhooks_status;
    if (c.event_webhooks_types !== undefined) s.event_webhooks_types = [...new Set(c.event_webhooks_types)];
    if (c.flags !== undefined) s.flags = c.flags;
    if (c.tags === null) delete s.tags;
    else if (c.tags !== undefined) s.tags = [...c.tags];
    if (c.custom_install_url === null) delete s.custom_install_url;
    else if (c.custom_install_url !== undefined) s.custom_install_url = c.custom_install_url;
    if (c.install_params === null) delete s.install_params;
    else if (c.install_params !== undefined) s.install_params = copyParams(c.install_params);
  }

  /** The bot joins a server; a server the emulator did not know gets a placeholder name. */
  addBot(id: string): void {
    if (!this.names.has(id)) this.names.set(id, `Server ${id}`);
    this.botGuilds.add(id);
  }

  /** The bot leaves; the server stays known, so GET /guilds/:id then answers 403. */
  removeBot(id: string): boolean {
    return this.botGuilds.delete(id);
  }

  botGuildIds(): string[] {
    return [...this.botGuilds];
  }

  hasBot(id: string): boolean {
    return this.botGuilds.has(id);
  }

  guildName(id: string): string | undefined {
    return this.names.get(id);
  }

  guild(id: string): GuildLookup {
    const name = this.names.get(id);
    if (name === undefined) return { found: 'unknown' };
    if (!this.botGuilds.has(id)) return { found: 'no-access' };
    return {
      found: 'member',
      guild: {
        id,
        name,
        icon: null,
        owner_id: '0',
        features: [],
        approximate_member_count: 0,
        approximate_presence_count: 0,
      },
    };
  }
}
