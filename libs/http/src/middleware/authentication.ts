import type { MiddlewareObj } from '@middy/core';
import { bearerToken, type JwtVerifier, requireScopes } from '@platform/auth';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { stateOf } from '../request-state';

/** 401 unless a valid bearer token is sent, 403 unless it holds every scope in `scopes`. */
export function authentication(
  verifier: () => JwtVerifier,
  scopes: readonly string[],
): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    name: 'authentication',
    before: async ({ event }) => {
      const state = stateOf(event);
      const principal = await verifier().verify(bearerToken(state.headers['authorization']));
      requireScopes(principal, scopes);
      state.principal = principal;
    },
  };
}
