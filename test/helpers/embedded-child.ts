// Run as a separate process by test/postgres/embedded-postgres.test.ts: starts an embedded server on the data folder given
// as argument, prints its connection string, and waits to be killed (to simulate the app crashing).
import { startEmbeddedPostgres } from '../../platform/postgres/embedded-postgres';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-child.ts <dataDir>');
const server = await startEmbeddedPostgres({ dataDir });
process.stdout.write(`READY ${server.connectionString}\n`);
setInterval(() => {}, 60_000);
