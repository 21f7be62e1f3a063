// Generates the typed API client of the web app (web/src/api-client) from the OpenAPI document of the routes:
// `npm run api:client`. The document comes from buildApp without a database or a listening port (see
// platform/http/openapi.ts), so it is the /docs/json a running server serves. The output is committed; a test
// regenerates it and fails when it is stale.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import { openApiDocument } from '../platform/http/openapi';

export const API_CLIENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../web/src/api-client');

/** Writes the client (types, fetch client, SDK functions) into `outDir`; throws when the document is not valid. */
export async function generateApiClient(outDir: string, spec?: Record<string, unknown>): Promise<void> {
  await createClient({
    input: (spec ?? (await openApiDocument())) as never,
    output: { path: outDir },
    plugins: ['@hey-api/typescript', '@hey-api/client-fetch', '@hey-api/sdk'],
    logs: { level: 'silent' },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await generateApiClient(API_CLIENT_DIR);
  console.log(`API client written to ${path.relative(process.cwd(), API_CLIENT_DIR)}`);
}
