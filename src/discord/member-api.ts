// The calls made with one member's access token (Bearer), on their own REST instance so that
// members never share rate-limit queues.
import type { REST } from '@discordjs/rest';
import {
  Routes,
  type RESTGetAPICurrentUserApplicationRoleConnectionResult,
  type RESTGetAPICurrentUserResult,
  type RESTPutAPICurrentUserApplicationRoleConnectionJSONBody,
  type RESTPutAPICurrentUserApplicationRoleConnectionResult,
} from 'discord-api-types/v10';
import type { DiscordClient } from './client.js';

export type RoleConnectionBody = RESTPutAPICurrentUserApplicationRoleConnectionJSONBody;

export class MemberApi {
  constructor(
    private readonly client: DiscordClient,
    private readonly rest: REST,
    private readonly clientId: string,
  ) {}

  async currentUser(): Promise<RESTGetAPICurrentUserResult> {
    // Routes.user() is literally /users/@me; Routes.user('@me') would send /users/%40me.
    return (await this.client.call(
      this.rest,
      'get',
      Routes.user(),
      undefined,
      'member',
    )) as RESTGetAPICurrentUserResult;
  }

  async getRoleConnection(): Promise<RESTGetAPICurrentUserApplicationRoleConnectionResult> {
    return (await this.client.call(
      this.rest,
      'get',
      Routes.userApplicationRoleConnection(this.clientId),
      undefined,
      'member',
    )) as RESTGetAPICurrentUserApplicationRoleConnectionResult;
  }

  async putRoleConnection(body: RoleConnectionBody): Promise<RESTPutAPICurrentUserApplicationRoleConnectionResult> {
    return (await this.client.call(
      this.rest,
      'put',
      Routes.userApplicationRoleConnection(this.clientId),
      { body },
      'member',
    )) as RESTPutAPICurrentUserApplicationRoleConnectionResult;
  }

  async deleteRoleConnection(): Promise<void> {
    await this.client.call(
      this.rest,
      'delete',
      Routes.userApplicationRoleConnection(this.clientId),
      undefined,
      'member',
    );
  }
}
