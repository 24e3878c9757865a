#!/usr/bin/env bash
# The test command (`npm test`): installs what the tests need, then runs every suite.
#   unit → build → integration on PGlite → integration on PostgreSQL (when TEST_DATABASE_URL
#   is set) → end-to-end in Debian's Chromium.
# Prints one closing line "Total: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
NODE_VERSION=24.21.0
results=.build/test-results
mkdir -p "$results"
rm -f "$results"/*.json

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

# 1. Dependencies, with npm running on Node 24 (engines are checked against npm's own Node).
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	step "Installing dependencies (Node $NODE_VERSION)"
	# Three tries: a registry connection reset mid-download fails `npm ci` outright.
	installed=0
	for try in 1 2 3; do
		if npx -y "node@$NODE_VERSION" "$(command -v npm | xargs readlink -f)" ci --no-audit --no-fund; then installed=1; break; fi
		echo "npm ci failed (try $try of 3); trying again in $((try * 10)) s" >&2
		sleep $((try * 10))
	done
	[ "$installed" = 1 ] || exit 1
fi
export PATH="$PWD/node_modules/.bin:$PATH"

# 2. Chromium for the end-to-end tests, nginx and HAProxy for the proxy test
#    (tests/integration/proxy.test.ts), from Debian (never a browser download). The test runs
#    the proxies in the foreground on ports of its own; it never uses the packaged services.
apt_install() {
	step "Installing $* from Debian"
	if [ "$(id -u)" = 0 ]; then
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) || exit 1
	else
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || exit 1
	fi
}
missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing_packages+=(nginx)
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null || missing_packages+=(haproxy)
[ ${#missing_packages[@]} = 0 ] || apt_install "${missing_packages[@]}"

status=0
step "Messages and types"
node scripts/paraglide.ts || status=1
svelte-kit sync >/dev/null && svelte-check --tsconfig ./tsconfig.json --threshold error --output machine | tail -3 || status=1

step "Unit tests"
vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit.json" || status=1

step "Build"
vite build >"$results/build.log" 2>&1 || { cat "$results/build.log"; exit 1; }

step "Integration tests on PGlite"
BRYGGA_TEST_DB=pglite vitest run --project integration --reporter=default --reporter=json --outputFile="$results/integration-pglite.json" || status=1

if [ -n "${TEST_DATABASE_URL:-}" ]; then
	step "Integration tests on PostgreSQL"
	BRYGGA_TEST_DB=postgres vitest run --project integration --reporter=default --reporter=json --outputFile="$results/integration-postgres.json" || status=1
fi

step "End-to-end tests in Chromium"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" playwright test --reporter=list,json || status=1

node scripts/test-summary.ts "$results" || status=1
exit $status
