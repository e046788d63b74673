// The worker thread that lexes the files of `doa check` while the main thread parses (bundled as
// dist/doa-lex-worker.mjs; see language/src/node/lex-ahead.ts).
import { runLexWorker } from '../../language/src/node/lex-ahead.ts';

runLexWorker();
