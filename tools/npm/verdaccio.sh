# Sourced by the registry tests (registry_test.sh, publish_test.sh):
#   verdaccio_start DIR MODULES
# starts Verdaccio, from the pinned npm tools in MODULES (a node_modules), on
# a free loopback port with empty storage under DIR, and makes a user as
# `npm adduser` would. Sets REGISTRY (its URL, ending in a slash) and exports
# NPM_TOKEN (the user's token, what the publish command reads). The server
# is stopped when the calling shell exits.
verdaccio_start() {
  local dir=$1 modules=$2 port
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  REGISTRY=http://127.0.0.1:$port/
  cat >"$dir/verdaccio.yaml" <<YAML
storage: $dir/storage
auth:
  htpasswd:
    file: $dir/htpasswd
uplinks: {}
packages:
  "**":
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
YAML
  node "$modules/verdaccio/bin/verdaccio" --config "$dir/verdaccio.yaml" --listen "127.0.0.1:$port" >"$dir/verdaccio.log" 2>&1 &
  VERDACCIO_PID=$!
  trap 'kill $VERDACCIO_PID 2>/dev/null || true' EXIT
  # Verdaccio takes seconds to start, and far longer when the machine is
  # loaded (a full matrix runs many of these tests beside compiles): wait as
  # long as the server lives, up to two minutes, rather than a fixed few tries.
  NPM_TOKEN=$(node - "$REGISTRY" "$VERDACCIO_PID" <<'JS'
const [registry, pid] = process.argv.slice(2);
const deadline = Date.now() + 120000;
const user = { name: 'ci', password: 'ci-password', type: 'user', roles: [], date: new Date().toISOString() };
(async () => {
  for (;;) {
    try {
      const r = await fetch(`${registry}-/user/org.couchdb.user:ci`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user),
      });
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      console.log((await r.json()).token);
      return;
    } catch (e) {
      let alive = true;
      try { process.kill(Number(pid), 0); } catch { alive = false; }
      if (!alive || Date.now() > deadline) {
        console.error(`registry never answered (${alive ? 'still starting after 120 s' : 'the server exited'}): ${e.message}`);
        process.exit(1);
      }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
})();
JS
  ) || { cat "$dir/verdaccio.log" >&2; return 1; }
  export NPM_TOKEN
  echo "== Verdaccio on $REGISTRY"
}
