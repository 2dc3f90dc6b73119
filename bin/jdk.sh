# Shared by ./relevo and ./test: finds a JDK 21 or newer and sets JDK to its home.
# Order: $JAVA_HOME if it is new enough, then Temurin 25, then any other JDK in the usual folders.

# The feature version of the JDK at $1 (21 for 21.0.5), or nothing when it is not a JDK.
jdk_version() {
  local home="$1" release="$1/release" version="" line
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$release" ]; then
    # bash's own read, not sed: ./relevo runs this on every command
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) version="${line#JAVA_VERSION=}" ;;
      esac
    done <"$release"
    version="${version//\"/}"
  fi
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  version="${version#1.}" # 1.8 -> 8
  echo "${version%%[.+-]*}"
}

is_jdk21() {
  local v
  v="$(jdk_version "$1")"
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ -x "$1/bin/javac" ]
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return
  fi
  local candidate
  # Temurin 25 first; only without it, any other JDK, newest first.
  for candidate in /usr/lib/jvm/temurin-25*; do
    if [ -d "$candidate" ] && is_jdk21 "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  for candidate in $(ls -d /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      2>/dev/null | sort -rV); do
    if [ -d "$candidate" ] && is_jdk21 "$candidate"; then
      echo "$candidate"
      return
    fi
  done
}

require_jdk() {
  JDK="$(find_jdk)"
  if [ -z "$JDK" ]; then
    echo "relevo needs a JDK 21 or newer; install one (e.g. Temurin 25) or set JAVA_HOME" >&2
    exit 1
  fi
  # Maven's own libraries use sun.misc.Unsafe; JDK 24+ warns about it on every build.
  MAVEN_JDK_OPTS="${MAVEN_OPTS:-}"
  if [ "$(jdk_version "$JDK")" -ge 24 ]; then
    MAVEN_JDK_OPTS="$MAVEN_JDK_OPTS --sun-misc-unsafe-memory-access=allow"
  fi
}
