# Shell functions for the files that hold secrets of the team's servers and
# clients (tools/bazel, tools/remote-cache, tools/rbe, tools/remote-credentials).
# Sourced after image.sh, never executed.

# ruvio_outside_checkout WHAT PATH: dies if PATH (which need not exist yet)
# lies inside the workspace. A secret in the checkout ends up in a commit or a
# tarball sooner or later.
ruvio_outside_checkout() {
  case "$(realpath -m "$2")/" in
    "$RUVIO_WORKSPACE"/*) ruvio_die "$1: $2 lies inside the checkout; keep credentials outside it" ;;
  esac
}

# ruvio_public_file WHAT PATH: dies unless PATH is a readable file (a
# certificate: nothing secret in it).
ruvio_public_file() {
  [ -n "$2" ] || ruvio_die "$1: empty path"
  if [ ! -f "$2" ] || [ ! -r "$2" ]; then ruvio_die "$1: no readable file at $2"; fi
}

# ruvio_secret_file WHAT PATH: dies unless PATH is a regular file outside the
# workspace that only its owner can read. WHAT (a flag or variable name) is
# what the message names. One that others can read is no secret.
ruvio_secret_file() {
  local what=$1 path=$2 mode
  ruvio_public_file "$what" "$path"
  ruvio_outside_checkout "$what" "$path"
  mode=$(stat -c %a "$(realpath "$path")")
  [ $((8#$mode & 8#077)) = 0 ] ||
    ruvio_die "$what: $path is readable by other users (mode $mode); chmod 600 it"
}

# ruvio_openssl ARG...: the host's openssl, or a clear error. Certificates,
# keys and tokens are made on the host, where the files they go to live.
ruvio_openssl() {
  command -v openssl >/dev/null ||
    ruvio_die "openssl is not installed on this machine (apt-get install openssl)"
  openssl "$@"
}

# ruvio_base64url: standard input as unpadded base64url (JWT's encoding).
ruvio_base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# ruvio_remote_authority VAR URL: HOST:PORT of the grpc:// or grpcs:// URL in
# VAR, as Bazel names the server to a credential helper (no :443).
ruvio_remote_authority() {
  local var=$1 url=$2 rest
  case "$url" in
    grpc://* | grpcs://*) ;;
    *) ruvio_die "$var must be grpcs://HOST:PORT, not '$url'" ;;
  esac
  rest=${url#*://}
  rest=${rest%/}
  # Bazel prints its options, URLs included, into its logs and build event
  # files: a password in the URL would end up there.
  [[ "$rest" != *@* ]] || ruvio_die "$var: no user or password in the URL; see README \"A team cache\" for where credentials go"
  [[ "$rest" =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):[0-9]+$ ]] || ruvio_die "$var must be grpcs://HOST:PORT, not '$url'"
  echo "${rest%:443}"
}

# ruvio_remote_secret NAME: the secret in $NAME, or in the file $NAME_FILE
# (outside the checkout, private), or nothing. Read with builtins only, so it
# never appears on a command line.
ruvio_remote_secret() {
  local name=$1 file_var=${1}_FILE value=''
  [ -z "${!name:-}" ] || [ -z "${!file_var:-}" ] || ruvio_die "set $name or $file_var, not both"
  if [ -n "${!file_var:-}" ]; then
    ruvio_secret_file "$file_var" "${!file_var}"
    IFS= read -r value <"${!file_var}" || [ -n "$value" ] || ruvio_die "$file_var: ${!file_var} is empty"
  else
    value=${!name:-}
  fi
  printf '%s' "$value"
}

# ruvio_private_dir DIR: makes DIR (only its owner may enter it) or dies
# unless the one there is exactly that: not someone else's, not a symlink.
ruvio_private_dir() {
  [ -e "$1" ] || mkdir -m 700 "$1" 2>/dev/null || true
  if [ -L "$1" ] || [ ! -d "$1" ] || [ ! -O "$1" ] || [ "$(stat -c %a "$1")" != 700 ]; then
    ruvio_die "$1 must be a directory of yours that only you can enter (chmod 700, or remove it)"
  fi
}

# ruvio_remote_header DIR AUTHORITY HEADER: leaves HEADER (an Authorization
# value) for the server AUTHORITY in DIR, for tools/remote/credential-helper;
# an empty HEADER removes it (no credential configured: anonymous).
ruvio_remote_header() {
  local file=$1/$2
  if [ -z "$3" ]; then rm -f "$file"; return; fi
  (umask 077 && printf '%s\n' "$3" >"$file.new" && mv -f "$file.new" "$file")
}
