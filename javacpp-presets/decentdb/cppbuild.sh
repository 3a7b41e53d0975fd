#!/usr/bin/env bash
# Native build of the DecentDB engine for one JavaCPP platform: configures and builds
# ../../engine with CMake (engine library and C++ tests) in $DECENTDB_CPPBUILD_DIR/build,
# then installs decentdb.h and libdecentdb.a into $DECENTDB_CPPBUILD_DIR/{include,lib},
# where the JavaCPP builder looks for them. Called by Maven (initialize phase) as
#   bash cppbuild.sh install <platform>
# One `case` branch per platform; a new platform is a branch here and a profile in pom.xml.
set -euo pipefail

OPERATION=${1:-install}
PLATFORM=${2:-linux-x86_64}
HERE=$(cd "$(dirname "$0")" && pwd)
ENGINE_DIR=$(cd "$HERE/../../engine" && pwd)
CPPBUILD_DIR=${DECENTDB_CPPBUILD_DIR:-$HERE/target/cppbuild/$PLATFORM}
JOBS=${DECENTDB_JOBS:-2}
BUILD_TYPE=${DECENTDB_BUILD_TYPE:-Release}

case "$OPERATION" in
  install) ;;
  clean)
    rm -rf "$CPPBUILD_DIR"
    exit 0
    ;;
  *)
    echo "usage: cppbuild.sh [install|clean] [platform]" >&2
    exit 2
    ;;
esac

CMAKE_ARGS=(
  -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
  -DDDB_BUILD_TESTS=ON
  -DDDB_BUILD_BENCH=OFF
)

case "$PLATFORM" in
  linux-x86_64)
    export CXX=${CXX:-g++}
    CMAKE_ARGS+=(-DCMAKE_CXX_FLAGS="-m64")
    ;;
  linux-arm64)
    # Native build on an arm64 machine; a cross build would set CXX to the cross g++.
    export CXX=${CXX:-g++}
    ;;
  *)
    echo "cppbuild.sh: platform '$PLATFORM' is not supported yet." >&2
    echo "Add a case for it here and a profile naming it in the root pom.xml." >&2
    exit 1
    ;;
esac

for tool in cmake "$CXX"; do
  if ! command -v "$tool" > /dev/null 2>&1; then
    echo "cppbuild.sh: '$tool' not found; install CMake 3.20+ and g++ (see README.md)." >&2
    exit 1
  fi
done

mkdir -p "$CPPBUILD_DIR/build" "$CPPBUILD_DIR/include" "$CPPBUILD_DIR/lib"
echo "Building the DecentDB engine for $PLATFORM in $CPPBUILD_DIR/build ($BUILD_TYPE, -j$JOBS)"
cmake -S "$ENGINE_DIR" -B "$CPPBUILD_DIR/build" --log-level=WARNING "${CMAKE_ARGS[@]}"
cmake --build "$CPPBUILD_DIR/build" -j "$JOBS"

cp "$ENGINE_DIR/include/decentdb.h" "$CPPBUILD_DIR/include/"
cp "$CPPBUILD_DIR/build/libdecentdb.a" "$CPPBUILD_DIR/lib/"
echo "Installed decentdb.h and libdecentdb.a into $CPPBUILD_DIR"
