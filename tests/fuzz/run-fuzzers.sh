#!/usr/bin/env bash
# Runs the libFuzzer targets named (build/native/fuzz_NAME) for FUZZ_SECONDS each (or
# until FUZZ_RUNS inputs, when that comes first), two at a time, each on a copy of its seed corpus (tests/fuzz/corpus/NAME) in build/fuzz-corpus.
# Prints one line per target: "NAME: N inputs, no finding", or the end of its report and
# where the input that failed was saved (build/crash-*). Exits 1 when any target found
# something.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
cd "$root/build"
status=0

run_one() { # run_one NAME: writes build/fuzz-NAME.log, returns the fuzzer's status
  local name=$1
  mkdir -p "fuzz-corpus/$name"
  "native/fuzz_$name" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="crash-$name-" "fuzz-corpus/$name" "$here/corpus/$name" >"fuzz-$name.log" 2>&1
}

report() { # report NAME STATUS
  if (($2 == 0)); then
    # libFuzzer ends with "Done N runs in S second(s)".
    echo "$1: $(grep -m1 'number_of_executed_units' "fuzz-$1.log" | awk '{print $2}') inputs in" \
      "$(grep -o 'runs in [0-9]* second' "fuzz-$1.log" | tail -n 1 | awk '{print $3}') s, no finding"
  else
    tail -n 30 "fuzz-$1.log"
    echo "$1: FOUND A PROBLEM (the input is saved as build/crash-$1-*)"
    status=1
  fi
}

names=("$@")
for ((i = 0; i < ${#names[@]}; i += 2)); do
  run_one "${names[i]}" &
  first=$!
  if ((i + 1 < ${#names[@]})); then
    run_one "${names[i + 1]}"
    second=$?
  fi
  wait "$first"
  report "${names[i]}" $?
  ((i + 1 < ${#names[@]})) && report "${names[i + 1]}" "$second"
done
exit "$status"
