#!/usr/bin/env bash
# Sets up Docker for the container tests (ARCHITECTURE §8) and exports what they need.
#
# .ci/run must SOURCE this file before its test command, so that the exports reach `dotnet test`:
#
#     source .ci/docker.sh || echo "docker setup failed; the container tests will fail under CI=true"
#
# It never exits the calling shell and never changes its shell options; it returns non-zero
# when Docker could not be set up. Idempotent: a second run reuses the running engine, the
# cached base image (and its rootfs tarball), the incremental publish and the layer cache.
#
#  1. installs the Docker engine from Debian (docker.io) when dockerd is missing;
#  2. starts dockerd in the background when no engine answers, and waits for it;
#  3. builds the base image carriersim-base:bookworm when missing: a debootstrap minbase of
#     bookworm with ca-certificates and libicu72 from the Debian mirror apt is configured with
#     (no container registry is reachable here), imported with `docker import`;
#  4. publishes the CLI self-contained into artifacts/publish;
#  5. builds the image carriersim:ci from the Dockerfile's first stage (--target prebuilt);
#  6. builds the PostgreSQL image carriersim-postgres:ci from deploy/postgres on the base image
#     (Debian's postgresql package, installed from the same mirror inside the build; cached by the
#     layer cache, so only the first build on a machine pays for it, about a minute and a half);
#  7. exports CARRIERSIM_IMAGE=carriersim:ci DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true,
#     and CARRIERSIM_POSTGRES_IMAGE=carriersim-postgres:ci when that image was built.
#
# Run directly (bash .ci/docker.sh) it does the same set-up and prints the exports to copy.

carriersim_docker_setup() (
  # Every step checks its own status: `set -e` is ignored inside a function that runs as the
  # condition of `if`/`||`, which is how a caller may well source this file.
  set -uo pipefail
  cd "$(dirname "${BASH_SOURCE[0]}")/.." || return 1

  local base_image=carriersim-base:bookworm
  local image=carriersim:ci
  local postgres_image=carriersim-postgres:ci
  local cache=${CARRIERSIM_CACHE:-/var/cache/carriersim}
  local rootfs_tar="$cache/bookworm-minbase.tar"
  export DOCKER_API_VERSION=1.41 DOCKER_BUILDKIT=0
  local started=$SECONDS
  mkdir -p "$cache" 2>/dev/null || sudo mkdir -p "$cache" || return 1

  step() { echo "== docker.sh [$((SECONDS - started))s] $*"; }
  fail() { echo "docker.sh: $*" >&2; return 1; }
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

  local apt_updated=
  apt_install() {
    if [ -z "$apt_updated" ]; then
      as_root apt-get update -qq || return 1
      apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  }

  # Builds $1 from the context $2 (further arguments go to docker build) and removes the build it
  # replaces, now untagged. The layer cache makes a build with nothing changed take a second or two.
  build_image() {
    local tag=$1 context=$2 previous current
    shift 2
    previous=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
    docker build -q "$@" -t "$tag" "$context" >/dev/null 2>"$cache/docker-build.log" \
      || { cat "$cache/docker-build.log" >&2; fail "docker build of $tag failed"; } || return 1
    current=$(docker image inspect --format '{{.Id}}' "$tag")
    if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
      docker image rm "$previous" >/dev/null 2>&1 || true
    fi
  }

  if ! command -v dockerd >/dev/null 2>&1; then
    step "installing the Docker engine (docker.io)"
    apt_install docker.io || fail "apt-get install docker.io failed" || return 1
  fi

  if ! docker info >/dev/null 2>&1; then
    step "starting dockerd"
    # setsid + nohup: the engine outlives this script and the CI step that sourced it.
    as_root setsid nohup dockerd >/var/log/carriersim-dockerd.log 2>&1 </dev/null &
    local waited=0
    until docker info >/dev/null 2>&1; do
      if [ "$waited" -ge 60 ]; then
        tail -n 20 /var/log/carriersim-dockerd.log >&2
        fail "dockerd did not answer within 60 s; its log is /var/log/carriersim-dockerd.log" || return 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
  fi
  step "engine up: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null || echo '?')"

  if ! docker image inspect "$base_image" >/dev/null 2>&1; then
    if [ ! -s "$rootfs_tar" ]; then
      local mirror rootfs
      mirror=$(debian_mirror)
      step "building the $base_image rootfs with debootstrap from $mirror"
      if ! command -v debootstrap >/dev/null 2>&1; then
        apt_install debootstrap || fail "apt-get install debootstrap failed" || return 1
      fi
      rootfs=$(mktemp -d "$cache/rootfs.XXXXXX") || return 1
      if ! as_root debootstrap --variant=minbase --include=ca-certificates,libicu72 bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1; then
        tail -n 20 "$cache/debootstrap.log" >&2
        as_root rm -rf "$rootfs"
        fail "debootstrap failed; see $cache/debootstrap.log" || return 1
      fi
      as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
      as_root tar -C "$rootfs" -cf "$rootfs_tar.partial" . || fail "could not pack the rootfs" || return 1
      as_root mv "$rootfs_tar.partial" "$rootfs_tar" || return 1
      as_root rm -rf "$rootfs"
    fi
    step "importing $base_image from $rootfs_tar"
    docker import "$rootfs_tar" "$base_image" >/dev/null || fail "docker import failed" || return 1
  fi

  step "publishing the CLI (self-contained) into artifacts/publish"
  dotnet publish simulator/CarrierSim.Cli/CarrierSim.Cli.csproj -c Release -r linux-x64 --self-contained -o artifacts/publish -nologo -v quiet -clp:ErrorsOnly \
    || fail "dotnet publish of the CLI failed" || return 1
  [ -x artifacts/publish/carrier-sim ] || fail "artifacts/publish/carrier-sim is missing after the publish" || return 1

  step "building $image (--target prebuilt on $base_image)"
  build_image "$image" . --target prebuilt --build-arg RUNTIME_IMAGE="$base_image" || return 1

  # Only the tests over PostgreSQL need this image: when it cannot be built (and no earlier build is
  # tagged) the others still run, and CARRIERSIM_POSTGRES_IMAGE is left unset, so that those tests
  # fail under CI=true naming it.
  step "building $postgres_image (deploy/postgres on $base_image)"
  if ! build_image "$postgres_image" deploy/postgres --build-arg BASE_IMAGE="$base_image"; then
    echo "docker.sh: $postgres_image could not be built; the tests over PostgreSQL containers will fail under CI." >&2
  fi
  step "done: $image $(docker image inspect --format '{{.Id}}' "$image" | cut -c 1-19), $postgres_image $(docker image inspect --format '{{.Id}}' "$postgres_image" 2>/dev/null | cut -c 1-19)"
)

# The mirror for bookworm in apt's own configuration (deb822 .sources first, then one-line lists).
debian_mirror() {
  local found
  found=$(awk '
    BEGIN { RS = ""; FS = "\n" }
    /(^|\n)Suites:[^\n]*(^| )bookworm( |$|\n)/ && !/debian-security/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, " "); print u[1]; exit }
    }' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
  if [ -z "$found" ]; then
    found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i + 1) == "bookworm") { print $i; exit } } }' | head -n 1)
  fi
  echo "${found:-http://deb.debian.org/debian}"
}

if carriersim_docker_setup; then
  export CARRIERSIM_IMAGE=carriersim:ci DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true
  if docker image inspect carriersim-postgres:ci >/dev/null 2>&1; then
    export CARRIERSIM_POSTGRES_IMAGE=carriersim-postgres:ci
  fi
  if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    echo "Docker is ready. To run the container tests from this shell:"
    echo "  export CARRIERSIM_IMAGE=carriersim:ci CARRIERSIM_POSTGRES_IMAGE=carriersim-postgres:ci DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true"
  fi
  carriersim_docker_status=0
else
  carriersim_docker_status=$?
  echo "docker.sh: Docker set-up failed (status $carriersim_docker_status); container tests cannot run." >&2
fi
unset -f carriersim_docker_setup debian_mirror
if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit "$carriersim_docker_status"; else return "$carriersim_docker_status"; fi
