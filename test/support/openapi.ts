import type { TestApp } from './test-app';

/** What the security suites read of the OpenAPI document: routes, their parameters and body schemas. */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  default?: unknown;
}

export interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface Route {
  path: string;
  method: Method;
  operation: Operation;
  /** The JSON body schema, if the route takes one. */
  body: Schema | undefined;
  /** Query parameters. */
  query: NonNullable<Operation['parameters']>;
}

/** Every HTTP route of the running app's OpenAPI document (GET, POST, PATCH, DELETE). */
export async function routesOf(t: TestApp): Promise<Route[]> {
  const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
  };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    (Object.entries(operations) as [Lowercase<Method>, Operation][])
      .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        path,
        method: method.toUpperCase() as Method,
        operation,
        body: operation.requestBody?.content['application/json']?.schema,
        query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
      })),
  );
}

/** Fills a path template (`/api/requests/{id}`) with the value chosen for each parameter. */
export function pathOf(template: string, choose: (name: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => choose(name));
}

/** A value that the schema accepts, as simply as it can be made; `uuid` gives each uuid-formatted string. */
export function sample(schema: Schema | undefined, uuid: () => string, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return sample(variant, uuid, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((kind) => kind !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => schema.required?.includes(key))
          .map(([key, property]) => [key, sample(property, uuid, depth + 1)]),
      );
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return uuid();
      if (schema.format === 'date') return '2026-12-04';
      if (schema.format === 'date-time') return '2026-12-04T12:00:00.000Z';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return null;
  }
}
