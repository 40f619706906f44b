#!/usr/bin/env bash
# Checks the shipped unit with systemd's own tools: `systemd-analyze verify` must pass, and
# `systemd-analyze security` must rate it "OK" or better (exposure below 5.0).
# usage: check_unit.sh UNIT_TEMPLATE BINARY WORK_DIR (BINARY: the one its ExecStart runs)
set -euo pipefail
template=$1 binary=$2 work=$3
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze is not installed (package systemd)" >&2
  exit 1
fi
rm -rf "$work" && mkdir -p "$work/etc/sinmun"
unit="$work/$(basename "$template")"
sed "s|@CMAKE_INSTALL_FULL_BINDIR@|$(dirname "$binary")|; s|@CMAKE_INSTALL_FULL_SYSCONFDIR@|$work/etc|" \
  "$template" > "$unit"
systemd-analyze verify "$unit"
echo "verify: ok"
report=$(systemd-analyze security --offline=true "$unit" 2>&1)
line=$(grep -E 'Overall exposure level' <<<"$report")
echo "$line"
score=$(sed -E 's/.*: ([0-9.]+) .*/\1/' <<<"$line")
# systemd's bands: < 2 SAFE, < 5 OK, < 7 MEDIUM, < 9 EXPOSED, else UNSAFE.
awk -v s="$score" 'BEGIN { exit !(s < 5.0) }' || { echo "exposure $score is not OK"; exit 1; }
