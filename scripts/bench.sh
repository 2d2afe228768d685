#!/usr/bin/env bash
# Load benchmark of the intake API (release build): seeds 100,000 requests, then prints
# requests per second and p50/p99 latency for POST and GET, beside a bare durable SQLite insert
# loop on the same disk and the ratio of the two. Not part of the test run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec cargo run --release -p fwportal-server --example load
