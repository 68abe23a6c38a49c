# Sourced, not run: `. scripts/node.sh && <command>` in package.json's scripts, and by .ci/run, so that
# users and CI take the same road. Leaves first on PATH, for the rest of the command, a Node that
# package.json's "engines" accepts: the one already there, else Node 22 from the npm registry (its `node`
# package installs the official binary), fetched once into the user's cache. jsdom 31 asks for that Node:
# on Node 20 it fails with "Cannot read properties of undefined (reading 'bind')". npm stays the
# machine's and runs on that Node. Where no such Node can be had, it stops with one line saying which
# Node is needed and the command that gets it.

woshipm_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/woshipm-reader/node22"

# Does this node ("$1", else the one on PATH) satisfy engines.node? 0 yes, 1 no, 2 a range it cannot read
# (it reads `^x.y.z` and `>=x.y.z` alternatives).
woshipm_node_fits() {
  if [ -n "${1:-}" ]; then [ -x "$1" ] || return 1; else command -v node >/dev/null || return 1; fi
  "${1:-node}" -e '
    const range = require("./package.json").engines.node;
    const have = process.versions.node.split(".").map(Number);
    const fits = range.split("||").some(function (alternative) {
      const m = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(alternative);
      if (!m) {
        console.error("scripts/node.sh reads ^x.y.z and >=x.y.z in engines.node, not " + alternative.trim());
        process.exit(2);
      }
      const want = m.slice(2).map(Number);
      const order = have[0] - want[0] || have[1] - want[1] || have[2] - want[2];
      return order >= 0 && (m[1] === ">=" || have[0] === want[0]);
    });
    process.exit(fits ? 0 : 1);
  '
}

# (`|| status=$?`: a bare failing command would end a caller that runs under `set -e`, as .ci/run does.)
woshipm_node_status=0
woshipm_node_fits || woshipm_node_status=$?
if [ "$woshipm_node_status" -eq 2 ]; then
  exit 1
elif [ "$woshipm_node_status" -ne 0 ]; then
  woshipm_node_found="$(node --version 2>/dev/null || echo 'no node')"
  woshipm_node_range="$(node -p 'require("./package.json").engines.node' 2>/dev/null || echo '22')"
  woshipm_node_bin="$woshipm_node_dir/node_modules/node/bin"
  if ! woshipm_node_fits "$woshipm_node_bin/node"; then
    echo "Node $woshipm_node_found is not one this project runs on ($woshipm_node_range): fetching Node 22 from the npm registry into $woshipm_node_dir (once, about 50 MB)" >&2
    npm install --prefix "$woshipm_node_dir" --no-save --no-audit --no-fund --loglevel=silent --fetch-retries=0 node@22 >&2 || :
  fi
  if woshipm_node_fits "$woshipm_node_bin/node"; then
    PATH="$woshipm_node_bin:$PATH"
    export PATH
  else
    echo "woshipm-reader needs Node.js $woshipm_node_range (found $woshipm_node_found); get it with: npm install --prefix $woshipm_node_dir node@22" >&2
    exit 1
  fi
fi
