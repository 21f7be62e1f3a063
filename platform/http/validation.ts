// How requests are checked against the route schemas. Query strings and path parameters arrive as text, so they
// are coerced ("20" → 20); bodies are JSON and are taken as sent: no coercion, no defaults, nothing removed, so a
// wrong type is refused rather than quietly converted and a field the engine checks itself reaches the engine.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const DOCS_ONLY = 'x-docs-only';

/**
 * A schema for the OpenAPI only, where the route reads the input itself: a multipart body is read part by part (a
 * file is streamed, never held whole), and a report's query holds the plugin's parameters, each refused by the
 * report engine with its own code.
 */
export const docsOnly = <T extends object>(schema: T) => ({ ...schema, [DOCS_ONLY]: true }) as T;

const base = { allErrors: false, removeAdditional: false, strict: false, useDefaults: false } as const;

export function installValidation(app: FastifyInstance) {
  const text = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  const json = addFormats(new Ajv({ ...base, coerceTypes: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if ((schema as Record<string, unknown>)[DOCS_ONLY] === true) return () => true;
    const ajv = httpPart === 'body' ? json : text;
    return ajv.compile(schema) as never;
  });
}
