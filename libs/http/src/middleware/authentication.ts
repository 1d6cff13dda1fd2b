import type { MiddlewareObj } from '@middy/core';
import { bearerToken, type JwtVerifier, requireScopes } from '@platform/auth';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { HttpState } from './http-request';

/** 401 unless a valid bearer token is sent, 403 unless it holds every scope in `scopes`. */
export function authentication(
  verifier: () => JwtVerifier,
  scopes: readonly string[],
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  return {
    name: 'authentication',
    before: async ({ internal: state }) => {
      const principal = await verifier().verify(bearerToken(state.headers['authorization']));
      requireScopes(principal, scopes);
      state.principal = principal;
    },
  };
}
