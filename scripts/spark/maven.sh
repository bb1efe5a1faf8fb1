# Sourced by the Spark scripts: `fetch_jar DIR GROUP_PATH ARTIFACT VERSION` downloads one jar
# from Maven Central into DIR once, checked against the published .sha1 (a partial or
# tampered download never lands under its final name). Needs `die` from the caller.
MAVEN="${MAVEN_REPOSITORY:-https://repo1.maven.org/maven2}"

fetch_jar() {
  local dir="$1" group="$2" artifact="$3" version="$4"
  local url="$MAVEN/$group/$artifact/$version/$artifact-$version.jar"
  local out="$dir/$artifact-$version.jar"
  [[ -s "$out" ]] && return 0
  printf 'spark: downloading %s\n' "$artifact-$version.jar" >&2
  curl -fsSL --retry 3 -o "$out.part" "$url" || die "could not download $url"
  local want got
  want="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
  got="$(sha1sum "$out.part" | cut -c1-40)"
  [[ "$want" == "$got" ]] || {
    rm -f "$out.part"
    die "checksum mismatch for $artifact-$version.jar"
  }
  mv "$out.part" "$out"
}
