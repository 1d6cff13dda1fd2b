import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { type FieldError, unprocessable } from '../errors';
import { useEnglishMessages } from '../zod-messages';
import type { HttpState } from './http-request';

/** The zod schemas of a route; each part is validated when its schema is given. */
export interface RequestSchemas {
  body?: core.$ZodType;
  query?: core.$ZodType;
  path?: core.$ZodType;
  headers?: core.$ZodType;
}

type Location = 'body' | 'query' | 'path' | 'header';

/** `body.lines[0].qty` from a zod path. */
function pathText(location: Location, path: readonly PropertyKey[]): string {
  let text: string = location;
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += location === 'header' ? `.${String(segment).toLowerCase()}` : `.${String(segment)}`;
  }
  return text;
}

/** The part of `value` at a zod issue's path (`undefined` when any step is missing). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * Field errors from a zod error on `value`: an unknown field becomes one error per field, and a
 * missing one says "required" (zod's own words are "expected string, received undefined").
 */
export function fieldErrors(location: Location, error: core.$ZodError, value: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: pathText(location, [...issue.path, key]),
        message: 'unknown field',
      }));
    }
    const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
    return [
      {
        path: pathText(location, issue.path),
        message: missing ? `required (${issue.expected})` : issue.message,
      },
    ];
  });
}

/** 422 with `errors[]` when the body, query, path parameters or headers break their schema. */
export function validation(
  schemas: RequestSchemas,
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  useEnglishMessages();
  return {
    name: 'validation',
    before: ({ event, internal: state }) => {
      const errors: FieldError[] = [];
      const check = (location: Location, schema: core.$ZodType | undefined, value: unknown): unknown => {
        if (!schema) return undefined;
        const result = z.safeParse(schema, value);
        if (result.success) return result.data;
        errors.push(...fieldErrors(location, result.error, value));
        return undefined;
      };
      state.path = check('path', schemas.path, event.pathParameters ?? {});
      state.query = check('query', schemas.query, event.queryStringParameters ?? {});
      state.parsedHeaders = check('header', schemas.headers, state.headers);
      state.body = check('body', schemas.body, state.json);
      if (errors.length > 0) throw unprocessable(errors);
    },
  };
}
