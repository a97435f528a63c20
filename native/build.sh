#!/usr/bin/env bash
# Builds libgramdyn.so with NativeAOT and copies it to native/lib/, where the C tests and the Python
# package look for it. Needs the .NET 10 SDK, clang (or gcc) as the linker and zlib1g-dev.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
publish="$root/artifacts/native/publish"

dotnet publish "$root/src/GramDynamics.Native/GramDynamics.Native.csproj" -c Release -r linux-x64 \
    -o "$publish" -nologo -v quiet
mkdir -p "$root/native/lib"
cp "$publish/libgramdyn.so" "$root/native/lib/libgramdyn.so"
echo "native/build.sh: wrote native/lib/libgramdyn.so"
