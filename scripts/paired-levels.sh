#!/usr/bin/env bash
# Puts two bot levels beside each other seat for seat, on the same games.
#
#   scripts/paired-levels.sh BIN LEVEL_A LEVEL_B FIRST_SEED LAST_SEED [SCENARIO]
#
# For every seed from FIRST_SEED to LAST_SEED and every seat, plays one game
# (`sim --games 1 --seed S`) with the seat at LEVEL_A and the two others `normal`, then the
# same game with the seat at LEVEL_B: the deal and the other seats' bots are the same, so a
# pair differs only by the level. Two games run at once (PARALLEL, default 2). Prints each
# seat's mean score at each level with its 95% interval, and the mean of the paired
# differences (A - B) with its own. Example, the hard bot against its previous settings:
#
#   scripts/paired-levels.sh target/release/ceasefire hard hard-v1 1001 1400
set -euo pipefail
if [ "$#" -lt 5 ]; then
    echo "usage: $0 BIN LEVEL_A LEVEL_B FIRST_SEED LAST_SEED [SCENARIO]" >&2
    exit 2
fi
bin="$1" a="$2" b="$3" first="$4" last="$5" scenario="${6:-istanbul}"
parallel="${PARALLEL:-2}"
export bin scenario
one() {
    local seat="$1" level="$2" seed="$3" others=()
    for other in pakistan afghanistan mediator; do
        [ "$other" = "$seat" ] || others+=(--seat "$other=normal")
    done
    "$bin" sim --scenario "$scenario" --games 1 --threads 1 --seed "$seed" \
        --seat "$seat=$level" "${others[@]}" --json |
        jq -r --arg seat "$seat" --arg level "$level" --arg seed "$seed" \
            '"\($seat) \($level) \($seed) \(.mean_score[$seat])"'
}
export -f one
for seed in $(seq "$first" "$last"); do
    for seat in pakistan afghanistan mediator; do
        echo "$seat $a $seed"
        echo "$seat $b $seed"
    done
done | xargs -P "$parallel" -n 3 bash -c 'one "$@"' _ |
    awk -v a="$a" -v b="$b" '
        { score[$1, $2, $3] = $4; seeds[$3] = 1 }
        END {
            split("pakistan afghanistan mediator", seats, " ")
            for (i = 1; i <= 3; i++) {
                seat = seats[i]; n = 0; sa = sa2 = sb = sb2 = sd = sd2 = 0
                for (seed in seeds) {
                    if (!((seat, a, seed) in score) || !((seat, b, seed) in score)) continue
                    x = score[seat, a, seed]; y = score[seat, b, seed]; n++
                    sa += x; sa2 += x * x; sb += y; sb2 += y * y; sd += x - y; sd2 += (x - y) ^ 2
                }
                if (n < 2) continue
                printf "%-12s %d pairs  %s %.2f ± %.2f  %s %.2f ± %.2f  difference %+.2f ± %.2f\n", \
                    seat, n, a, sa / n, half(sa, sa2, n), b, sb / n, half(sb, sb2, n), \
                    sd / n, half(sd, sd2, n)
            }
        }
        function half(s, s2, n,    m, v) {
            m = s / n; v = (s2 - n * m * m) / (n - 1)
            return 1.96 * sqrt(v > 0 ? v : 0) / sqrt(n)
        }'
