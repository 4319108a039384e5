#!/usr/bin/env bash
# Builds the local images the container tests run on, from Debian packages only (no image
# registry is needed or contacted):
#   signin-test/debian:bookworm              a debootstrap --variant=minbase of Debian 12
#   signin-test/payara-micro-base:VERSION    a stand-in for payara/micro:VERSION-jdk17, same layout
#                                            (/opt/payara/payara-micro.jar, user payara, tini, wget)
#   signin-test/postgres:15                  Debian's postgresql, an entrypoint like the official
#                                            postgres image (POSTGRES_USER/PASSWORD/DB)
# Usage: src/test/docker/build-images.sh [target/payara-micro.jar] [payara version]
# Needs a running Docker engine, root (debootstrap) and the Debian mirror of /etc/apt/sources*.
# Idempotent: an image whose inputs did not change (a hash in its label) is not rebuilt. The
# debootstrap root file system is kept in SIGNIN_TEST_IMAGE_CACHE (default
# /var/cache/signin-test-images), outside the checkout, so a clean clone on the same machine
# does not debootstrap again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"
jar="${1:-$project/target/payara-micro.jar}"
version="${2:-$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$project/pom.xml" | head -n 1)}"
cache="${SIGNIN_TEST_IMAGE_CACHE:-/var/cache/signin-test-images}"
suite=bookworm
debian_image="signin-test/debian:$suite"
payara_image="signin-test/payara-micro-base:$version"
postgres_image="signin-test/postgres:15"

[ -f "$jar" ] || { echo "build-images.sh: no $jar (run ./mvnw package first)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-images.sh: no Docker engine answers (start dockerd)" >&2; exit 1; }

# One lock: the tests and .ci/run may call this at the same time.
exec 9>"/tmp/signin-test-images.lock"
flock 9

label() { docker image inspect --format '{{ index .Config.Labels "dev.signin.test.inputs" }}' "$1" 2>/dev/null || true; }

# The Debian mirror this machine uses (deb822 .sources or a one-line sources.list).
mirror="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | head -n 1 | awk '{print $2}')"
[ -n "$mirror" ] || mirror="$(grep -hs '^deb ' /etc/apt/sources.list | grep -v security | head -n 1 | awk '{print $2}')"
[ -n "$mirror" ] || mirror="http://deb.debian.org/debian"

base_inputs="$(printf '%s %s v1' "$suite" "$mirror" | sha256sum | cut -c1-16)"
if [ "$(label "$debian_image")" != "$base_inputs" ]; then
  rootfs_tar="$cache/debian-$suite-minbase-$base_inputs.tar"
  if [ ! -s "$rootfs_tar" ]; then
    command -v debootstrap >/dev/null || { echo "build-images.sh: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
    mkdir -p "$cache"
    rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' EXIT
    echo "build-images.sh: debootstrap $suite from $mirror (once; cached in $cache)"
    debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || { tail -n 30 "$cache/debootstrap.log" >&2; exit 1; }
    # The same sources as the machine (updates and security too), and small images.
    cat > "$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb ${mirror%/debian}/debian-security $suite-security main
SOURCES
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$rootfs/etc/apt/apt.conf.d/90signin-test"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$rootfs_tar.tmp" . && mv "$rootfs_tar.tmp" "$rootfs_tar"
    rm -rf "$rootfs"; trap - EXIT
  fi
  docker import --change "LABEL dev.signin.test.inputs=$base_inputs" --change 'CMD ["bash"]' \
    "$rootfs_tar" "$debian_image" >/dev/null
  echo "build-images.sh: imported $debian_image"
fi

build() { # image, directory, extra build args...
  local image="$1" dir="$2"; shift 2
  local inputs
  inputs="$( (docker image inspect --format '{{.Id}}' "$debian_image"; cat "$dir"/*; printf '%s\n' "$@") | sha256sum | cut -c1-16)"
  if [ "$(label "$image")" = "$inputs" ]; then
    echo "build-images.sh: $image is up to date"
    return
  fi
  echo "build-images.sh: building $image"
  docker build --network host -q --label "dev.signin.test.inputs=$inputs" --build-arg "DEBIAN_IMAGE=$debian_image" \
    "$@" -t "$image" "$dir" >/dev/null
}

# The Payara Micro jar goes in through a build context of its own (the jar and the Dockerfile).
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$here/payara-micro-base/Dockerfile" "$context/"
ln "$jar" "$context/payara-micro.jar" 2>/dev/null || cp "$jar" "$context/payara-micro.jar"
build "$payara_image" "$context"
build "$postgres_image" "$here/postgres"
