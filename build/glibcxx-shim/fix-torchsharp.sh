#!/usr/bin/env bash
# Makes TorchSharp 0.107.0's libLibTorchSharp.so loadable on hosts whose libstdc++ lacks
# GLIBCXX_3.4.32 (Debian 12). Called by Directory.Build.targets after build and publish with
# the folder that holds the copied libLibTorchSharp.so. Idempotent; does nothing when the
# host's libstdc++ already provides GLIBCXX_3.4.32 or when the folder has no TorchSharp.
#
# The fix, on the copy only (never the NuGet cache):
#   1. set VER_FLG_WEAK (0x2) on the GLIBCXX_3.4.32 entry of .gnu.version_r, so the loader
#      treats the missing version as a warning instead of an error;
#   2. build a shim library with a no-op std::ios_base_library_init() and add it as a
#      DT_NEEDED dependency, so the one symbol of that version still resolves.
set -euo pipefail
dir=${1:?usage: fix-torchsharp.sh <folder with libLibTorchSharp.so>}
lib="$dir/libLibTorchSharp.so"
shim_name=libprebias_glibcxx_shim.so
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$lib" ] || exit 0

libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
[ -n "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if [ -f "$libstdcxx" ] && grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then
  exit 0 # the host's libstdc++ is new enough
fi

need() { command -v "$1" >/dev/null || { echo "fix-torchsharp: '$1' is required (apt-get install $2)" >&2; exit 1; }; }
need readelf binutils; need patchelf patchelf; need cc gcc

# 1. Weaken the version requirement. readelf -V prints each vernaux entry's offset inside
#    .gnu.version_r; vna_flags is the 16-bit field 4 bytes into the entry.
if readelf -V "$lib" | grep -q 'Name: GLIBCXX_3.4.32  Flags: none'; then
  sec_off=$(readelf -SW "$lib" | awk '$0 ~ /\.gnu\.version_r/ { for (i = 1; i <= NF; i++) if ($i == ".gnu.version_r") { print $(i + 3); exit } }')
  aux_off=$(readelf -V "$lib" | awk '/Name: GLIBCXX_3.4.32/ { sub(":", "", $1); print $1; exit }')
  [ -n "$sec_off" ] && [ -n "$aux_off" ] || { echo "fix-torchsharp: cannot locate GLIBCXX_3.4.32 in $lib" >&2; exit 1; }
  printf '\x02' | dd of="$lib" bs=1 seek=$(( 0x$sec_off + aux_off + 4 )) conv=notrunc status=none
  readelf -V "$lib" | grep -q 'Name: GLIBCXX_3.4.32  Flags: WEAK' || { echo "fix-torchsharp: weakening failed" >&2; exit 1; }
fi

# 2. The shim, next to the library (found through its $ORIGIN runpath).
if [ ! -f "$dir/$shim_name" ]; then
  cc -shared -fPIC -O2 -o "$dir/$shim_name.tmp" "$here/glibcxx_shim.c"
  mv "$dir/$shim_name.tmp" "$dir/$shim_name"
fi
if ! readelf -d "$lib" | grep -q "$shim_name"; then
  patchelf --add-needed "$shim_name" "$lib"
fi
echo "fix-torchsharp: patched $lib for GLIBCXX_3.4.32"
