#!/usr/bin/env bash
# Checks Cargo.lock against the RustSec advisory database with cargo-audit (from crates.io).
#
# cargo-audit fetches that database, a git repository, on every run. This project's machines
# and CI reach only package registries, so there it stops with "couldn't fetch advisory
# database": run this where the database can be fetched, or pass a local copy of it:
#   scripts/audit.sh --db PATH --no-fetch
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo audit --version >/dev/null 2>&1; then
  # Building it takes about 20 minutes on a 2-core machine.
  cargo install cargo-audit --locked
fi
cargo audit "$@"
