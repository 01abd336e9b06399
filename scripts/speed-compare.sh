#!/usr/bin/env bash
# Compares the simulator's speed of two or more `ceasefire` binaries on one core.
#
#   scripts/speed-compare.sh BIN_A BIN_B [BIN_C ...]
#
# Runs `sim --scenario istanbul --games $GAMES --seed 1 --threads 1 --json` with each binary in
# turn, interleaved, $ROUNDS times (defaults: 20000 games, 3 rounds), and prints for every run
# the games per second, the mean actions a game and the time per action in microseconds
# (1e6 / (games/s x actions)), then each binary's median over the rounds. Time per action is
# the fair measure across rule changes; games per second across builds of the same rules.
set -euo pipefail
if [ "$#" -lt 2 ]; then
    echo "usage: $0 BIN_A BIN_B [BIN_C ...]" >&2
    exit 2
fi
GAMES="${GAMES:-20000}"
ROUNDS="${ROUNDS:-3}"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
printf '%-5s %-40s %10s %8s %10s\n' round binary games/s actions us/action
for round in $(seq 1 "$ROUNDS"); do
    for bin in "$@"; do
        json="$("$bin" sim --scenario istanbul --games "$GAMES" --seed 1 --threads 1 --json)"
        gps="$(jq -r .games_per_second <<<"$json")"
        actions="$(jq -r .mean_actions <<<"$json")"
        us="$(jq -rn --argjson g "$gps" --argjson a "$actions" '1e6 / ($g * $a)')"
        printf '%-5s %-40s %10.0f %8.2f %10.3f\n' "$round" "$bin" "$gps" "$actions" "$us"
        printf '%s\t%s\t%s\t%s\n' "$bin" "$gps" "$actions" "$us" >>"$results"
    done
done
echo
echo "median over $ROUNDS rounds:"
for bin in "$@"; do
    awk -F'\t' -v bin="$bin" '$1 == bin { print $2 "\t" $3 "\t" $4 }' "$results" |
        sort -n | awk -F'\t' -v bin="$bin" '{ g[NR] = $1; a[NR] = $2; u[NR] = $3 }
            END { m = int((NR + 1) / 2); printf "%-46s %10.0f games/s %8.2f actions %10.3f us/action\n", bin, g[m], a[m], u[m] }'
done
