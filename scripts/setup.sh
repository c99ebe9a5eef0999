#!/usr/bin/env bash
# Installs what skillscore needs to build and test on Debian 12, as root (or with sudo).
# Only Debian packages: nothing is downloaded at build time. Does nothing when all are present.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config gettext clang-format sqlite3 clang-14 libclang-rt-14-dev
  libyaml-cpp-dev libboost-dev libboost-program-options-dev libboost-locale-dev
  libspdlog-dev libfmt-dev libsqlite3-dev libssl-dev libexpected-dev
  libgtest-dev librapidcheck-dev
  libsodium-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-dejavu-core
  poppler-utils zbar-tools
  libzip-dev libpugixml-dev libxlsxwriter-dev python3-openpyxl
  libhowardhinnant-date-dev
  libcpp-httplib-dev
  chromium chromium-driver python3-selenium
  postgresql-15 postgresql-common libpq-dev procps
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "skillscore: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
