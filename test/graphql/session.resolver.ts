import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  RequireSession,
  Session,
  SessionHandle,
  SessionId,
  SessionService,
} from '../../lib/index.js';
import '../fixtures/session-data.js';

/** The schema the resolver serves (schema first: no code-first metadata to set up). */
export const TYPE_DEFS = /* GraphQL */ `
  type Me {
    userId: String
    fromService: String
    id: String!
    isNew: Boolean!
    mode: String!
    note: String
  }
  type Query {
    me: Me!
    guarded: String!
    admin: String!
  }
  type Mutation {
    login(userId: String!, roles: [String!]): Me!
    logout: Boolean!
    note(text: String!): Me!
  }
`;

/** The same resolver code in both modes, on every GraphQL server. */
@Resolver()
export class SessionResolver {
  constructor(@Inject(SessionService) private readonly session: SessionService) {}

  @Query('me')
  me(@Session() session: SessionHandle, @SessionId() id: string) {
    return {
      userId: session.get('userId') ?? null,
      fromService: this.session.get('userId') ?? null,
      id,
      isNew: session.isNew,
      mode: session.mode,
      note: session.get('note') ?? null,
    };
  }

  @Query('guarded')
  @RequireSession()
  guarded(@Session('userId') userId: string) {
    return userId;
  }

  @Query('admin')
  @RequireSession({ check: (session) => session.get('roles')?.includes('admin') ?? false })
  admin() {
    return 'admin';
  }

  @Mutation('login')
  async login(
    @Session() session: SessionHandle,
    @Args('userId') userId: string,
    @Args('roles') roles: string[] | null,
  ) {
    await session.regenerate();
    session.patch({ userId, roles: roles ?? [] });
    return this.me(session, session.id);
  }

  @Mutation('logout')
  async logout(@Session() session: SessionHandle) {
    await session.destroy();
    return true;
  }

  /** Writes through SessionService, as a service deeper down would. */
  @Mutation('note')
  note(@Session() session: SessionHandle, @Args('text') text: string) {
    this.session.set('note', text);
    return this.me(session, session.id);
  }
}
