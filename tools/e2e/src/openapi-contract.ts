import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { OpenAPIBackend, SetMatchType, ValidationContext, type Operation } from 'openapi-backend';
import { parse } from 'yaml';
import { E2eError } from './errors';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

/** What a reply is checked on: its status, headers and body as received. */
export interface ContractReply {
  status: number;
  headers: Headers;
  /** The body parsed as JSON (`undefined` when empty or not JSON). */
  body: unknown;
  /** The body as received. */
  text: string;
}

/** One documented outcome of an operation: `putCatalogProductsBySku 412`. */
export interface DocumentedStatus {
  operationId: string;
  /** `PUT /catalog/products/{sku}` */
  route: string;
  /** The documented status code, as written in the document (`201`, `422`). */
  status: string;
}

/** The outcome of checking one reply. */
export interface ContractCheck {
  /** The operation the request matched (undefined when none). */
  operationId: string | undefined;
  /** Where the reply departs from the document; empty when it conforms. */
  violations: string[];
}

type ResponseObject = {
  content?: Record<string, { schema?: object }>;
  headers?: Record<string, unknown>;
};

/** Explicit status codes (`201`), not ranges (`5XX`) nor `default`. */
const STATUS_CODE = /^[1-5]\d\d$/;

/**
 * A service's `openapi.yaml`, loaded into openapi-backend (the kept validator, ADR-013): which
 * operation a request is, which statuses each operation documents, and whether a reply — status,
 * headers, content type and body — is one the document allows.
 *
 * @example
 * const contract = await ServiceContract.load('catalog');
 * declare const reply: ContractReply;
 * contract.check('GET', '/catalog/products/PEN-1', reply).violations; // [] when it conforms
 */
export class ServiceContract {
  private readonly schemaValidators = new Map<object, ValidateFunction>();

  private constructor(
    readonly service: string,
    private readonly api: OpenAPIBackend,
  ) {}

  /** Loads `apps/<service>/openapi.yaml` (or `file`). */
  static async load(
    service: string,
    file = join(WORKSPACE_ROOT, 'apps', service, 'openapi.yaml'),
  ): Promise<ServiceContract> {
    const definition = parse(readFileSync(file, 'utf8')) as object;
    // quick: its definition check is the OpenAPI 3.0 meta-schema, which rejects 3.1 (const, type
    // arrays); quick skips it and dereferences synchronously. The validators are the same.
    const api = new OpenAPIBackend({
      definition: definition as never,
      strict: true,
      quick: true,
      customizeAjv: (ajv) => addFormats(ajv),
    });
    await api.init();
    return new ServiceContract(service, api);
  }

  /** Every status code every operation documents (ranges such as `5XX` are not status codes). */
  documentedStatuses(): DocumentedStatus[] {
    return this.api.getOperations().flatMap((operation) =>
      Object.keys(operation.responses ?? {})
        .filter((status) => STATUS_CODE.test(status))
        .map((status) => ({
          operationId: operation.operationId ?? `${operation.method} ${operation.path}`,
          route: `${operation.method.toUpperCase()} ${operation.path}`,
          status,
        })),
    );
  }

  /** Checks a reply to `method path` (the path may carry a query) against the document. */
  check(method: string, path: string, reply: ContractReply): ContractCheck {
    const [pathname = '/', search = ''] = path.split('?');
    const operation = this.api.matchOperation({
      method: method.toLowerCase(),
      path: pathname,
      query: search,
      headers: {},
    });
    if (!operation)
      return { operationId: undefined, violations: [`${method} ${pathname} is no documented operation`] };
    const where = `${operation.operationId} ${reply.status}`;
    const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
    const key = [String(reply.status), `${Math.floor(reply.status / 100)}XX`, 'default'].find(
      (candidate) => responses[candidate] !== undefined,
    );
    if (key === undefined) {
      return { operationId: operation.operationId, violations: [`${where}: status not documented`] };
    }
    const violations = [
      ...this.headerViolations(operation, reply),
      ...this.bodyViolations(operation, responses[key] as ResponseObject, key, reply),
    ].map((violation) => `${where}: ${violation}`);
    return { operationId: operation.operationId, violations };
  }

  private headerViolations(operation: Operation, reply: ContractReply): string[] {
    const headers = Object.fromEntries(reply.headers.entries());
    // superset: every documented header present (they are all required), each matching its schema.
    const result = this.api.validateResponseHeaders(headers, operation, {
      statusCode: reply.status,
      setMatchType: SetMatchType.Superset,
    });
    return (result.errors ?? []).map(
      (error) => `header${error.instancePath.replace(/^\/headers/, '')} ${error.message}`,
    );
  }

  private bodyViolations(
    operation: Operation,
    response: ResponseObject,
    key: string,
    reply: ContractReply,
  ): string[] {
    const content = response.content;
    if (!content)
      return reply.text === '' ? [] : [`a body where none is documented: ${reply.text.slice(0, 120)}`];
    const mediaType = (reply.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const documented = content[mediaType];
    if (!documented) return [`content-type "${mediaType}", documented: ${Object.keys(content).join(', ')}`];
    if (reply.body === undefined)
      return [`a ${mediaType} body that is not JSON: ${reply.text.slice(0, 120)}`];
    if (mediaType === 'application/json' && STATUS_CODE.test(key)) {
      const result = this.api.validateResponse(reply.body, operation, reply.status);
      return (result.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`);
    }
    // openapi-backend validates application/json bodies itself; any other media type (problem+json)
    // is checked with the Ajv it configures for responses, against that media type's schema.
    if (!documented.schema) return [];
    const validate = this.validatorOf(documented.schema);
    return validate(reply.body)
      ? []
      : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`);
  }

  private validatorOf(schema: object): ValidateFunction {
    let validate = this.schemaValidators.get(schema);
    if (!validate) {
      const validator = this.api.validator;
      if (!validator) throw new E2eError(`the ${this.service} contract was loaded without validators`);
      validate = validator.getAjv(ValidationContext.Response).compile(schema);
      this.schemaValidators.set(schema, validate);
    }
    return validate;
  }
}
