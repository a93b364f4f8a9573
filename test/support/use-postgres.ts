/** A PostgreSQL server for one test file, with a connection for the tests' own queries. */
import { after, before } from "node:test";
import { Client } from "pg";
import { startPostgres, type PostgresServer, type StartPostgresOptions } from "./postgres.js";

export interface PostgresForTests {
  readonly server: PostgresServer;
  /** The tests' own connection (as the superuser) for setting up and checking tables. */
  readonly admin: Client;
  /** Kills the server as a crash would, starts it again on the same data, and reconnects `admin`. */
  crashAndRestart(): Promise<void>;
}

async function connect(server: PostgresServer): Promise<Client> {
  const client = new Client({ connectionString: server.connectionString });
  await client.connect();
  return client;
}

/** Starts the server before the file's tests and stops it after them. */
export function usePostgres(options: StartPostgresOptions = {}): PostgresForTests {
  let server: PostgresServer | undefined;
  let admin: Client | undefined;
  before(async () => {
    server = await startPostgres(options);
    admin = await connect(server);
  });
  after(async () => {
    await admin?.end().catch(() => undefined);
    await server?.stop();
  });
  const started = (): { server: PostgresServer; admin: Client } => {
    if (!server || !admin) throw new Error("PostgreSQL is started before the tests: use it inside a test");
    return { server, admin };
  };
  return {
    get server() {
      return started().server;
    },
    get admin() {
      return started().admin;
    },
    async crashAndRestart() {
      const current = started();
      await current.admin.end();
      await current.server.kill();
      await current.server.restart();
      admin = await connect(current.server);
    },
  };
}
