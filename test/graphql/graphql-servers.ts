import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Platform } from '../fixtures/create-app.js';
import { TYPE_DEFS } from './session.resolver.js';

/** The GraphQL servers the suite runs on, each on the platforms it supports. */
export const GRAPHQL_SERVERS = [
  ['Apollo', 'express'],
  ['Apollo', 'fastify'],
  ['Mercurius', 'fastify'],
] as const satisfies readonly (readonly [string, Platform])[];

/**
 * `GraphQLModule.forRoot()` with Apollo and its defaults (the context included). Mercurius's is
 * in mercurius-app.ts, which runs in a child process.
 */
export function apolloModule(): DynamicModule {
  return GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, typeDefs: TYPE_DEFS });
}
