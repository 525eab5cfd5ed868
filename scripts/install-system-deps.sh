#!/bin/sh
# Installs the Debian packages Broadsheet needs, if any is missing:
#   fonts-noto-cjk     Noto Serif/Sans CJK SC (书宋, 标宋, 黑体) — the default fonts
#   fonts-lxgw-wenkai  LXGW WenKai (楷体) for bylines, captions and the masthead
#   fonts-hanazono     HanaMin A/B: the fallback for rare Han (生僻字 of CJK Ext B–F) in names
#   poppler-utils      pdftoppm, pdffonts, pdftotext (the tests read the PDF with them)
#   qpdf               PDF structure check in the tests
#   ghostscript        soft proofs and plates (`preview --proof/--separations`); the tests
#                      render with it
# (argyll and icc-profiles-free only rebuild the newsprint profile in profiles/:
#  scripts/make-newsprint-profile.sh installs them itself)
#   libpango-1.0-0, libpangoft2-1.0-0   text layout for WeasyPrint (galley proofs)
#   python3-venv       the project's virtual environment
# With --test it adds what only the tests need:
#   chromium           the browser tests of `broadsheet serve` and `broadsheet epaper`
# As root it runs apt-get; otherwise it names what to install and fails.
set -eu
packages="fonts-noto-cjk fonts-lxgw-wenkai fonts-hanazono poppler-utils qpdf ghostscript libpango-1.0-0 libpangoft2-1.0-0 python3-venv"
[ "${1:-}" = "--test" ] && packages="$packages chromium"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $package"
done
# python3-venv only matters where the system python lacks venv (a pyenv python has it).
case "$missing" in *python3-venv*) python3 -c "import venv, ensurepip" 2>/dev/null \
    && missing=$(echo "$missing" | sed 's/ python3-venv//') ;; esac
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "broadsheet: missing Debian packages:$missing" >&2
    echo "broadsheet: install them as root: sudo apt-get install$missing" >&2
    exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
