#!/usr/bin/env bash
# Builds salon's container image (deploy/container/Containerfile) with
# buildah, on base root file systems that mmdebstrap makes from this
# machine's Debian sources: no registry image is pulled (issue 16).
#
#   scripts/image.sh [--tag NAME] [--rev REV | --worktree] [--cache DIR] [--jobs N]
#                    [--refresh-bases]
#
#   1. Two bases, each a Debian 12 (bookworm) root made by mmdebstrap from
#      /etc/apt/sources.list.d/debian.sources: `build` (compilers, the -dev
#      libraries, node and npm: deploy/container/packages-build.txt) and
#      `runtime` (Debian's Essential packages and the shared libraries:
#      packages-runtime.txt), neither with docs, man pages or locales. Each
#      tarball is cached as DIR/<kind>-<key>.tar (DIR default
#      /var/cache/salon-image), <key> a hash of its package list, the
#      mmdebstrap options and the sources, and imported into buildah's storage
#      as localhost/salon-base-<kind>:<key>; each only when missing.
#      --refresh-bases makes both again (to take Debian's security updates).
#   2. The sources: those of commit REV (default HEAD, `git archive`: an edit
#      in progress never breaks or slips into an image), or with --worktree
#      the working tree as it is; the recipe (deploy/container/) always from
#      the working tree. The commit's short hash goes in as SALON_COMMIT
#      (salon_build_info{commit}).
#   3. The image: `buildah bud --isolation chroot --layers` (a stage whose
#      inputs did not change is reused), niced. The web stage first (`npm ci`
#      and esbuild: the npm registry must be reachable; the machine's CA
#      bundle goes in as a build secret), then the rest under
#      `flock /tmp/salon-build.lock` (never beside another build of salon);
#      the build stage compiles with N jobs (default: the number of cores).
#      NAME default localhost/salon:latest.
#   The last line printed is "image NAME: SIZE, built in S s (bases B s,
#   waited W s for the lock)"; S leaves out the bases and the wait.
#
# Idempotent: a second run with nothing changed reuses the bases and every
# cached stage. Needs root; installs buildah and mmdebstrap if missing
# (scripts/install-deps.sh image). STORAGE_DRIVER=vfs in the environment
# selects buildah's vfs storage if overlay is not available.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

tag=localhost/salon:latest
rev=HEAD
worktree=0
cache=/var/cache/salon-image
jobs=$(nproc)
refresh=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag=${2:?}; shift 2 ;;
    --rev) rev=${2:?}; shift 2 ;;
    --worktree) worktree=1; shift ;;
    --cache) cache=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --refresh-bases) refresh=1; shift ;;
    *) echo "image: unknown option $1" >&2; exit 2 ;;
  esac
done

say() { echo "image: $*"; }
scripts/install-deps.sh image >/dev/null
mkdir -p "$cache"
sources=/etc/apt/sources.list.d/debian.sources
[[ -f $sources ]] || { echo "image: $sources (Debian's apt sources) is missing" >&2; exit 1; }
container_dir=deploy/container

# mmdebstrap options shared by both bases: Debian's Essential set (no apt),
# merged /usr as bookworm has it, and no documentation, manual pages or
# translations.
common_opts=(
  --variant=essential --mode=root --format=tar
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
)

# What is done to a tarball after mmdebstrap (below); changing that changes
# this, and so the key.
post_version="post 2: no /dev nodes, /etc/hostname or /etc/resolv.conf"

# Prints the package names of a list file (no comments, no blank lines).
packages_of() { sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$1"; }

# Makes (if missing) and imports (if missing) one base; prints its image name.
base_image() {
  local kind=$1 list=$container_dir/packages-$1.txt key tarball name ctr
  key=$({ packages_of "$list"; printf '%s\n' "${common_opts[@]}" "$post_version"; cat "$sources"; } |
        sha256sum | cut -c1-16)
  tarball=$cache/$kind-$key.tar
  name=localhost/salon-base-$kind:$key
  if [[ $refresh -eq 1 ]]; then
    rm -f "$tarball"
    buildah rmi "$name" >/dev/null 2>&1 || true
  fi
  if [[ ! -f $tarball ]]; then
    say "making the $kind base with mmdebstrap ($tarball; log $tarball.log)" >&2
    if ! nice -n 10 mmdebstrap "${common_opts[@]}" \
        --include="$(packages_of "$list" | paste -sd,)" \
        bookworm "$tarball.tmp" "$sources" >"$tarball.log" 2>&1; then
      tail -n 30 "$tarball.log" >&2
      echo "image: mmdebstrap failed (whole log: $tarball.log)" >&2
      exit 1
    fi
    # Nothing of this machine's in an image: no device nodes (a container's
    # /dev is the runtime's), no hostname, no resolver configuration (the
    # runtime binds its own).
    mapfile -t strip < <(tar -tf "$tarball.tmp" |
                         grep -E '^\./dev/.|^\./etc/(hostname|resolv\.conf)$' || true)
    [[ ${#strip[@]} -eq 0 ]] || tar --delete -f "$tarball.tmp" "${strip[@]}"
    mv "$tarball.tmp" "$tarball"
    # Older tarballs of this kind are superseded.
    find "$cache" -maxdepth 1 -name "$kind-*.tar*" ! -name "$kind-$key.tar*" -delete
  fi
  if ! buildah inspect --type image "$name" >/dev/null 2>&1; then
    say "importing $tarball as $name" >&2
    ctr=$(buildah from --pull=never scratch)
    buildah add --quiet "$ctr" "$tarball" / >/dev/null
    buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      --cmd /bin/bash --label org.opencontainers.image.title="salon $kind base (Debian 12, mmdebstrap)" \
      "$ctr"
    buildah commit --quiet --rm "$ctr" "$name" >/dev/null
  fi
  echo "$name"
}

start=$(date +%s)
build_base=$(base_image build)
runtime_base=$(base_image runtime)
bases_done=$(date +%s)
say "bases: $build_base, $runtime_base ($((bases_done - start)) s)"

if [[ $worktree -eq 1 ]]; then
  context=$root
  revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
  say "sources: the working tree (at $revision, with any uncommitted change)"
else
  revision=$(git rev-parse --verify "$rev^{commit}")
  context=$(mktemp -d /tmp/salon-image-context-XXXXXX)
  trap 'rm -rf "$context"' EXIT
  git archive --format=tar "$revision" | tar -x -C "$context"
  rm -rf "${context:?}/$container_dir"
  mkdir -p "$context/$container_dir"
  cp -a "$container_dir/." "$context/$container_dir/"
  say "sources: commit $revision"
fi
# shellcheck disable=SC2054  # the commas are buildah's (--secret id=…,src=…)
bud=(
  buildah bud --isolation chroot --layers --pull=never --format docker --force-rm
  --file "$root/$container_dir/Containerfile"
  --ignorefile "$root/$container_dir/Containerfile.dockerignore"
  --build-arg BUILD_BASE="$build_base" --build-arg RUNTIME_BASE="$runtime_base"
  --build-arg JOBS="$jobs" --build-arg SALON_COMMIT="${revision:0:7}"
  # npm ci in the web stage reaches the registry through this machine's TLS
  # (its CA bundle, as a build secret: in no layer).
  --secret id=ca-certificates,src=/etc/ssl/certs/ca-certificates.crt
)
# The web stage first and outside the lock (npm and esbuild, no compiler);
# the full build below finds it cached.
say "building the web stage"
nice -n 10 "${bud[@]}" --target web "$context"
web_done=$(date +%s)
say "building $tag (waits for /tmp/salon-build.lock)"
exec 9>/tmp/salon-build.lock
flock 9
locked_at=$(date +%s)
nice -n 10 "${bud[@]}" \
  --label org.opencontainers.image.revision="$revision" --tag "$tag" "$context"
exec 9>&-
done_at=$(date +%s)

say "image $tag: $(buildah images --format '{{.Size}}' "$tag" | head -n1)," \
    "built in $((done_at - bases_done - (locked_at - web_done))) s" \
    "(bases $((bases_done - start)) s, waited $((locked_at - web_done)) s for the lock)"
