#!/usr/bin/env bash
# Installs what the calculator page's browser tests drive, where it is missing: Debian's Chromium and its
# chromedriver, and a CJK font so that the screenshots under target/screenshots/ show the Chinese text.
# Run by the build before the tests (pom.xml, exec-maven-plugin); also usable by hand.
#
# It never fails the build: where it cannot install (not root, no apt-get, no network), it says so and the
# browser tests then fail with the command that would install them.
set -u

chromium="${CALCULATOR_CHROMIUM:-/usr/bin/chromium}"
driver="${CALCULATOR_CHROMEDRIVER:-/usr/bin/chromedriver}"
install="apt-get update && apt-get install -y chromium chromium-driver"

packages=()
if [[ ! -x "$chromium" || ! -x "$driver" ]]; then
    packages+=(chromium chromium-driver)
fi
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]]; then
    packages+=(fonts-noto-cjk)
fi
[[ ${#packages[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "browser tests: ${packages[*]} missing and not installable here (needs root and apt-get); install with:"
    echo "    $install"
    exit 0
fi

log="${1:-target}/browser-install.log"
mkdir -p "$(dirname "$log")"
echo "browser tests: installing ${packages[*]} with apt-get (log: $log)"
if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"; } \
        >"$log" 2>&1; then
    echo "browser tests: installed ${packages[*]}"
else
    echo "browser tests: the install failed (see $log); install with:"
    echo "    $install"
fi
exit 0
