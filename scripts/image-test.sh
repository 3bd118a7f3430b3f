#!/usr/bin/env bash
# Builds the container image and runs salond from it (issue 16). Not part of
# ./test: the first build takes many minutes (README, "Containers and
# systemd").
#
#   scripts/image-test.sh [--tag NAME] [--no-build]
#
#   1. scripts/image.sh --tag NAME (skipped with --no-build: NAME must exist),
#      then scripts/check-deploy.sh (compose, HAProxy, Kannel, systemd files).
#   2. A container of NAME whose root file system is mounted read-only (its
#      overlay remounted `ro` before the start), with only a fresh data
#      directory (owned by uid 10001) bound on /var/lib/salon and a scratch
#      /tmp writable; in it, `buildah run --isolation chroot` starts
#      `salond --role all` on 127.0.0.1 and a free port (the host's network:
#      chroot isolation has no network namespace), on the embedded SQLite
#      store in that data directory, as the image's user.
#   3. Checks, each bounded: /readyz answers 200 (polled, at most 60 s);
#      the process runs as uid and gid 10001 with no capabilities; a write to
#      its root fails (EROFS) while /tmp and the data directory take writes;
#      the admin key and the database are in the data directory, owned by
#      10001; the front desk page is served (web/dist is in the image).
#   4. SIGTERM; salond drains and exits 0 (at most 30 s); nothing was written
#      to the container's own layer. Prints the image's size; removes the
#      container and the temporary directory (also on failure).
# Needs root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/lib.sh

tag=localhost/salon:latest
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag=${2:?}; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "image-test: unknown option $1" >&2; exit 2 ;;
  esac
done
say() { echo "image-test: $*"; }
die() {
  [[ -s ${work:-}/salond.log ]] && { echo "--- salond's output:" >&2; tail -n 20 "$work/salond.log" >&2; }
  echo "image-test: FAILED: $*" >&2
  exit 1
}

[[ $build -eq 1 ]] && scripts/image.sh --tag "$tag"
scripts/check-deploy.sh
buildah inspect --type image "$tag" >/dev/null 2>&1 || die "no image $tag (run scripts/image.sh)"

work=$(mktemp -d /tmp/salon-image-test-XXXXXX)
ctr="" mnt="" run_pid="" salond_pid=""
cleanup() {
  if [[ -n $salond_pid ]]; then kill -9 "$salond_pid" 2>/dev/null || true; fi
  if [[ -n $run_pid ]]; then wait "$run_pid" 2>/dev/null || true; fi
  if [[ -n $mnt ]]; then mount -o remount,rw "$mnt" 2>/dev/null || true; fi
  if [[ -n $ctr ]]; then
    buildah umount "$ctr" >/dev/null 2>&1 || true
    buildah rm "$ctr" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

uid=10001
data=$work/data tmp=$work/tmp
mkdir -p "$data" "$tmp"
chown "$uid:$uid" "$data" && chmod 0700 "$data"
chmod 1777 "$tmp"

ctr=$(buildah from --pull=never --name "salon-image-test-$$" "$tag")
# Drop the image's VOLUME from this container: buildah 1.28 would mount its
# own scratch copy there too, and which of the two mounts wins is left to an
# unstable sort (seen: salond's files in buildah's copy, not in $data).
buildah config --volume /var/lib/salon- "$ctr"
mnt=$(buildah mount "$ctr")
upper=$(findmnt -no OPTIONS "$mnt" | tr ',' '\n' | sed -n 's/^upperdir=//p')
[[ -d $upper ]] || die "no overlay upper directory for $mnt"
# buildah run binds /etc/hosts, /etc/hostname, /etc/resolv.conf and
# /run/.containerenv into the root; on a read-only root they must exist first.
for f in etc/hosts etc/hostname etc/resolv.conf run/.containerenv; do
  [[ -e $mnt/$f ]] || touch "$mnt/$f"
done
# The whole root read-only: its overlay, as this container sees it.
mount -o remount,ro "$mnt"
[[ $(findmnt -no OPTIONS "$mnt") == ro,* ]] || die "could not make $mnt read-only"

port=$(free_port)
say "starting salond from $tag on 127.0.0.1:$port (root read-only; /var/lib/salon and /tmp writable)"
buildah run --isolation chroot -v "$data:/var/lib/salon:rw" -v "$tmp:/tmp:rw" "$ctr" -- \
  salond --role all --listen "127.0.0.1:$port" >"$work/salond.log" 2>&1 &
run_pid=$!
started=$(date +%s.%N)

ready=0
for _ in $(seq 600); do
  if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/readyz" 2>/dev/null; then
    ready=1; break
  fi
  kill -0 "$run_pid" 2>/dev/null || die "salond exited before it was ready"
  sleep 0.1
done
[[ $ready -eq 1 ]] || die "/readyz not 200 within 60 s"
say "/readyz answered 200, $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after the start"

salond_pid=$(ss -Htlnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)
[[ -n $salond_pid ]] || die "no process listens on $port"
read -r _ ruid euid _ _ < <(grep '^Uid:' "/proc/$salond_pid/status")
read -r _ rgid egid _ _ < <(grep '^Gid:' "/proc/$salond_pid/status")
cap_eff=$(awk '/^CapEff:/ {print $2}' "/proc/$salond_pid/status")
[[ $ruid == "$uid" && $euid == "$uid" && $rgid == "$uid" && $egid == "$uid" ]] ||
  die "salond runs as uid $ruid/$euid gid $rgid/$egid, not $uid"
[[ $cap_eff =~ ^0+$ ]] || die "salond has capabilities ($cap_eff)"
no_new_privs=$(awk '/^NoNewPrivs:/ {print $2}' "/proc/$salond_pid/status")
say "salond (pid $salond_pid) runs as uid $euid, gid $egid, no capabilities" \
    "(NoNewPrivs: $no_new_privs)"

# Writes as root in salond's mount namespace and root: refused by the file
# system itself, not by permissions.
in_ctr() { nsenter -t "$salond_pid" -m -r -- "$@"; }
if out=$(in_ctr touch /probe 2>&1); then die "the root file system took a write"; fi
[[ $out == *"Read-only file system"* ]] || die "a write to / failed, but not as read-only: $out"
in_ctr touch /tmp/probe /var/lib/salon/probe || die "/tmp or /var/lib/salon is not writable"
in_ctr rm -f /tmp/probe /var/lib/salon/probe
say "root read-only (EROFS); /tmp and /var/lib/salon writable"

[[ -s $data/admin.key ]] || die "no admin key in the data directory ($(ls -la "$data"))"
[[ -s $data/salon.db ]] || die "no SQLite database in the data directory ($(ls "$data"))"
owners=$(find "$data" -mindepth 1 ! -uid "$uid" -printf '%p ')
[[ -z $owners ]] || die "files in the data directory not owned by $uid: $owners"
curl -fsS --max-time 2 "http://127.0.0.1:$port/" | grep -qi '<html' || die "the front desk page is not served"
build_info=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/metrics" | grep '^salon_build_info' || true)
say "data directory: $(find "$data" -mindepth 1 -printf '%P '); front desk served;" \
    "${build_info:-no build info}"

# Stop: the root is made writable again first, only so that buildah can
# remove the files it bound into it when the run ends (on a read-only root
# buildah 1.28 fails there); salond's own writes after that are checked in
# the container's layer below.
mount -o remount,rw "$mnt"
kill -TERM "$salond_pid"
stopped=0
for _ in $(seq 300); do
  kill -0 "$salond_pid" 2>/dev/null || { stopped=1; break; }
  sleep 0.1
done
[[ $stopped -eq 1 ]] || die "salond did not exit within 30 s of SIGTERM"
rc=0; wait "$run_pid" || rc=$?
run_pid="" salond_pid=""
[[ $rc -eq 0 ]] || die "salond (buildah run) exited $rc"
written=$(cd "$upper" && find . -mindepth 1 \
  ! -path ./etc ! -path ./etc/hosts ! -path ./etc/hostname ! -path ./etc/resolv.conf \
  ! -path ./run ! -path ./run/.containerenv -printf '%P ')
[[ -z $written ]] || die "salond wrote into the container's root: $written"
say "SIGTERM: salond drained and exited 0; nothing written outside /tmp and the volume"

# Its size as stored (uncompressed layers) and as a registry would hold it
# (the layers gzip-compressed, as `podman push` sends them).
size=$(buildah images --format '{{.Size}}' "$tag" | head -n1)
buildah push --quiet --format docker "$tag" "docker-archive:$work/image.tar" >/dev/null
gz=$(nice -n 10 gzip -c "$work/image.tar" | wc -c)
say "OK: $tag is $size uncompressed, $((gz / 1000000)) MB compressed"
