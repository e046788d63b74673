// Entry point of the language server: JSON-RPC over stdio.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { DoaServer } from './server.ts';

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must not end the session: log it and go on.
process.on('uncaughtException', (e) => connection.console.error(`doa: uncaught ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`doa: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
new DoaServer(connection).listen();
connection.listen();
