// The calls made with one member's access token (Bearer), on their own REST instance so that
// members never share rate-limit queues.
import type { REST, RequestData } from '@discordjs/rest';
import {
  Routes,
  type RESTGetAPICurrentUserApplicationRoleConnectionResult,
  type RESTGetAPICurrentUserResult,
  type RESTPutAPICurrentUserApplicationRoleConnectionJSONBody,
  type RESTPutAPICurrentUserApplicationRoleConnectionResult,
} from 'discord-api-types/v10';
import type { Credential } from './errors.js';

/** How a member call is run: the client's one request runner (errors translated, deadline applied). */
export type RunCall = (
  rest: REST,
  method: 'get' | 'put' | 'delete',
  route: `/${string}`,
  data: RequestData | undefined,
  credential: Credential,
) => Promise<unknown>;

export type RoleConnectionBody = RESTPutAPICurrentUserApplicationRoleConnectionJSONBody;

export class MemberApi {
  constructor(
    private readonly run: RunCall,
    private readonly rest: REST,
    private readonly clientId: string,
  ) {}

  async currentUser(): Promise<RESTGetAPICurrentUserResult> {
    // Routes.user() is literally /users/@me; Routes.user('@me') would send /users/%40me.
    return (await this.run(this.rest, 'get', Routes.user(), undefined, 'member')) as RESTGetAPICurrentUserResult;
  }

  async getRoleConnection(): Promise<RESTGetAPICurrentUserApplicationRoleConnectionResult> {
    return (await this.run(
      this.rest,
      'get',
      Routes.userApplicationRoleConnection(this.clientId),
      undefined,
      'member',
    )) as RESTGetAPICurrentUserApplicationRoleConnectionResult;
  }

  async putRoleConnection(body: RoleConnectionBody): Promise<RESTPutAPICurrentUserApplicationRoleConnectionResult> {
    return (await this.run(
      this.rest,
      'put',
      Routes.userApplicationRoleConnection(this.clientId),
      { body },
      'member',
    )) as RESTPutAPICurrentUserApplicationRoleConnectionResult;
  }

  async deleteRoleConnection(): Promise<void> {
    await this.run(this.rest, 'delete', Routes.userApplicationRoleConnection(this.clientId), undefined, 'member');
  }
}
