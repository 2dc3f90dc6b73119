# Sourced by ./relevo: the JVM flags for a command, and the ahead-of-time cache (JDK 24+, JEP 483,
# 514 and 515) that loads and links relevo's classes from a file made by a training run, with
# method profiles, instead of from the jar at every start.
#
# One cache per profile (client commands, the agent), each made automatically, in the background,
# the first time a command of that profile runs with a jar and JDK that have none: the command
# itself runs at once without it. The training runs are io.relevo.cli.AotTraining (the client's:
# status against a loopback stand-in) and AgentTraining (a real agent in a temporary state dir). Its file name carries the jar's
# SHA-256 (computed once per build), size and mtime and the JDK's version, so a cache made for
# another jar or JDK is never picked; a new one is trained instead and the old ones deleted. The
# JVM checks the cache itself as well (JDK build, jar size and mtime) and silently starts without
# it when it does not fit. A training run that fails leaves no cache; the next command tries again
# after AOT_RETRY_SECONDS. RELEVO_AOT=off turns all of this off; RELEVO_AOT_DIR moves the caches
# (default: relevo-cli/target/aot, so `mvn clean` removes them).

AOT_RETRY_SECONDS=600

# The profile of a command: the agent and the demo run for long and keep the JIT's best tier;
# every other command is a short client call.
aot_profile() {
  case "${1:-}" in
    agent | demo) echo agent ;;
    *) echo client ;;
  esac
}

# JVM flags per profile. A client call is over in a few hundred milliseconds: C1 only, the serial
# collector, no perf-data file. The agent runs as the systemd unit runs it
# (packaging/systemd/relevo-agent.service): the serial collector, a 128 MiB heap, and its native
# heap trimmed every second where the JDK can (21.0.1 and later), and C1's first compilations
# five times later than the JDK's default thresholds: C1 no longer compiles the start's
# one-off code on the cores the agent needs to start; hot code still gets C1 and then C2 within
# seconds (docs/STARTUP.md, sixth round). ./relevo also sets MALLOC_ARENA_MAX=1 for `relevo agent`,
# as the unit does.
AOT_AGENT_JIT="-XX:Tier3InvocationThreshold=1000 -XX:Tier3MinInvocationThreshold=500"
AOT_AGENT_JIT+=" -XX:Tier3CompileThreshold=10000 -XX:Tier3BackEdgeThreshold=300000"
aot_jvm_flags() {
  case "$1" in
    client) echo "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData" ;;
    agent) echo "-XX:+UseSerialGC -Xmx128m$(aot_trim_flag) $AOT_AGENT_JIT" ;;
  esac
}

# " -XX:TrimNativeHeapInterval=1000" when the JDK has the option (21.0.1 and later), else nothing.
aot_trim_flag() {
  local version feature interim update
  version="$(aot_jdk_key)" # like 25.0.1+8-LTS or 21.0.1+12-LTS
  IFS=. read -r feature interim update <<<"${version%%[+_-]*}"
  update="${update:-0}"
  [[ "$feature" =~ ^[0-9]+$ && "${interim:-0}" =~ ^[0-9]+$ && "$update" =~ ^[0-9]+$ ]] || return 0
  if [ "$feature" -gt 21 ] || { [ "$feature" -eq 21 ] && [ $((interim + update)) -gt 0 ]; }; then
    echo " -XX:TrimNativeHeapInterval=1000"
  fi
}

# The key of $RUN_JAR: its SHA-256 (first 16 hex digits), size and mtime, cached next to the jar
# in $RUN_JAR.key and recomputed when the jar is newer than that file.
aot_jar_key() {
  local key_file="$RUN_JAR.key" key
  if [ ! -f "$key_file" ] || [ "$RUN_JAR" -nt "$key_file" ]; then
    key="$(sha256sum "$RUN_JAR" | cut -c1-16)-$(stat -c '%s-%Y' "$RUN_JAR")" || return 1
    echo "$key" >"$key_file.$$" && mv -f "$key_file.$$" "$key_file"
  fi
  read -r key <"$key_file"
  echo "$key"
}

# The JDK's runtime version, like 25.0.1+8-LTS, from its release file.
aot_jdk_key() {
  local line version=""
  [ -f "$JDK/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_RUNTIME_VERSION=*) version="${line#JAVA_RUNTIME_VERSION=}" ;;
    esac
  done <"$JDK/release"
  version="${version//\"/}"
  echo "${version//[^A-Za-z0-9.+-]/_}"
}

# Sets AOT_FLAGS (an array) to the flags that use the cache of profile $1, or to nothing, and
# starts a training run in the background when the cache is missing.
aot_setup() {
  local profile="$1" dir="${RELEVO_AOT_DIR:-$ROOT/relevo-cli/target/aot}" jar_key jdk_key cache
  AOT_FLAGS=()
  [ "${RELEVO_AOT:-on}" != "off" ] || return 0
  [ "$(jdk_version "$JDK")" -ge 25 ] 2>/dev/null || return 0 # -XX:AOTCacheOutput is JDK 25's
  jar_key="$(aot_jar_key)" || return 0
  jdk_key="$(aot_jdk_key)"
  [ -n "$jdk_key" ] || return 0
  cache="$dir/relevo-$profile-$jar_key-$jdk_key.aot"
  if [ -f "$cache" ]; then
    # -Xlog off for aot and cds: a cache the JVM cannot use is skipped without a warning on stdout
    AOT_FLAGS=("-XX:AOTCache=$cache" -Xlog:aot=off -Xlog:cds=off)
    # The agent loads the cache's classes but does not replay its method profiles: C2 then does
    # not compile the training's hot methods in the agent's first second, on the cores the agent
    # needs to start (-135 ms wall, -320 ms CPU to serving a re-adopted app; no change at 100 apps;
    # docs/STARTUP.md, fifth round). A diagnostic flag of JDK 25, which a later JDK may drop: the
    # JVM refuses an unknown flag, so JDK 25 only.
    if [ "$profile" = agent ] && [ "$(jdk_version "$JDK")" = 25 ]; then
      AOT_FLAGS+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)
    fi
    return 0
  fi
  aot_train "$profile" "$dir" "$cache"
}

# Trains profile $1's cache into $3 in the background, unless a training run for it is under way
# or failed less than AOT_RETRY_SECONDS ago. The cache is written to a temporary file, checked by
# a JVM that must use it (-XX:AOTMode=on), and only then renamed into place.
aot_train() {
  local profile="$1" dir="$2" cache="$3" lock="$3.lock" failed="$3.failed"
  mkdir -p "$dir" 2>/dev/null || return 0
  if [ -f "$failed" ] && [ -z "$(find "$failed" -mmin "+$((AOT_RETRY_SECONDS / 60))" 2>/dev/null)" ]; then
    return 0
  fi
  if ! mkdir "$lock" 2>/dev/null; then
    # a lock left by a training run that was killed: take it over after the retry delay
    [ -n "$(find "$lock" -maxdepth 0 -mmin "+$((AOT_RETRY_SECONDS / 60))" 2>/dev/null)" ] || return 0
    rm -rf "$lock" && mkdir "$lock" 2>/dev/null || return 0
  fi
  local flags tmp="$cache.tmp.$$" log="$dir/training-$profile.log"
  read -r -a flags <<<"$(aot_jvm_flags "$profile")"
  (
    trap 'rm -rf "$lock" "$tmp" "$tmp.config"' EXIT
    if "$JAVA" "${flags[@]}" "-XX:AOTCacheOutput=$tmp" -Xlog:aot=error -Xlog:cds=error \
          -cp "$RUN_JAR" io.relevo.cli.AotTraining "$profile" &&
        "$JAVA" "${flags[@]}" "-XX:AOTCache=$tmp" -XX:AOTMode=on -cp "$RUN_JAR" io.relevo.cli.Main \
          --version; then
      rm -f "$dir"/relevo-"$profile"-*.aot "$failed"
      mv -f "$tmp" "$cache"
    else
      touch "$failed"
    fi
  ) </dev/null >"$log" 2>&1 &
}
