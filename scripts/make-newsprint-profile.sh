#!/bin/sh
# Rebuilds profiles/CGATS-TR002-newsprint-GCR-TAC240.icc, Broadsheet's default press profile,
# from the characterization data of ANSI CGATS/SNAP TR 002-2007 (coldset printing on
# newsprint), which Debian ships in icc-profiles-free as TR002.ti3, with ArgyllCMS's colprof.
# Rendering does not need this script: the profile is in the repository. Only run it to
# rebuild the profile (a new Argyll, other separation settings); it installs what it needs.
#
#   sh scripts/make-newsprint-profile.sh [OUTPUT.icc]
#
# The separation (colprof's options):
#   -qm             medium quality tables (high takes ten times as long for no visible gain)
#   -kh -l240       heavy black generation (GCR: black replaces the grey part of C+M+Y through
#                   the tones) and 240 % total ink, the most coldset newsprint takes
#   -S sRGB -cmt -dpp  perceptual tables that fit sRGB's gamut into the press's (photos come
#                   as sRGB), so the shadows keep their detail instead of clipping to solid
#   -Z m            matte medium (newsprint)
# Reproducible: the same inputs and Argyll give the same bytes. colprof stamps the time of
# the build into the header; it is set to a fixed date afterwards (and the MD5 profile ID,
# if colprof wrote one, recomputed).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/profiles/CGATS-TR002-newsprint-GCR-TAC240.icc}
data=/usr/share/color/icc/TR002.ti3
srgb=/usr/share/color/icc/sRGB.icc

missing=""
command -v colprof >/dev/null 2>&1 || missing="$missing argyll"
[ -f "$data" ] && [ -f "$srgb" ] || missing="$missing icc-profiles-free"
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "make-newsprint-profile: install as root: apt-get install$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/TR002.ti3"
cp "$srgb" "$work/sRGB.icc"
cd "$work"
colprof -v -qm -kh -l240 -S sRGB.icc -cmt -dpp -Z m \
    -A "Broadsheet" -M "CGATS TR 002 coldset newsprint" \
    -D "Coldset newsprint (CGATS TR 002), heavy GCR, 240% TAC" \
    -C "Derived from ANSI CGATS/SNAP TR 002-2007 characterization data (NPES); built with ArgyllCMS colprof" \
    -O newsprint.icc TR002 >colprof.log 2>&1 || { cat colprof.log >&2; exit 1; }

# A fixed creation date (the header's bytes 24–35) and, where set, the profile ID (84–99):
# the MD5 of the profile with flags, rendering intent and ID zeroed (ICC.1 7.2.18).
python3 - newsprint.icc <<'EOF'
import hashlib, struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[24:36] = struct.pack(">6H", 2007, 1, 1, 0, 0, 0)   # TR 002-2007
if any(data[84:100]):
    probe = bytearray(data)
    probe[44:48] = probe[64:68] = bytes(4)
    probe[84:100] = bytes(16)
    data[84:100] = hashlib.md5(probe).digest()
open(path, "wb").write(data)
EOF
mkdir -p "$(dirname "$out")"
cp newsprint.icc "$out"
grep -i "peak err" colprof.log || true
echo "wrote $out ($(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16)…)"
