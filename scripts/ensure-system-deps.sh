#!/usr/bin/env bash
# Install the system packages cchc needs, when they are missing (Debian/Ubuntu).
#   tesseract-ocr, tesseract-ocr-vie  OCR of scanned plans (Vietnamese model)
# Usage: scripts/ensure-system-deps.sh [extra Debian packages...]
set -euo pipefail

packages=()
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then packages+=(tesseract-ocr-vie); fi
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || packages+=("$pkg")
done
[ ${#packages[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "cchc needs these system packages: ${packages[*]} (install them with your package manager)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "cchc needs: ${packages[*]}; run as root: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi
echo "installing system packages: ${packages[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
