#!/usr/bin/env bash
# Installs what bulletin needs beyond Swift on Debian/Ubuntu: libxapian-dev, zlib1g-dev and pkg-config;
# for the tests, cmark-gfm (GitHub's CommonMark renderer, which reads back the Markdown notes),
# xapian-tools (the stock xapian-tcpsrv the remote-shard test serves a shard with)
# and, for the browser test of `bulletin serve`, Debian's chromium and chromium-driver and
# selenium from PyPI. Does nothing when they are already there. Outside CI (CI=true) a failure
# to install the browser test's tools is a warning: that test then says it was skipped.
set -euo pipefail
SUDO=""
need_root() {
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else return 1; fi
    fi
}
apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists xapian-core && pkg-config --exists zlib && [ -x /usr/bin/cmark-gfm ] && [ -x /usr/bin/xapian-tcpsrv ]; }; then
    need_root || { echo "install-deps: need root (or sudo) to apt-get install libxapian-dev zlib1g-dev pkg-config cmark-gfm xapian-tools" >&2; exit 1; }
    echo "install-deps: installing libxapian-dev zlib1g-dev pkg-config cmark-gfm xapian-tools with apt-get" >&2
    apt_install libxapian-dev zlib1g-dev pkg-config cmark-gfm xapian-tools
    pkg-config --exists xapian-core && pkg-config --exists zlib
fi

browser_ok() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && python3 -c 'import selenium' 2>/dev/null; }
if ! browser_ok; then
    echo "install-deps: installing chromium, chromium-driver (apt-get) and selenium (pip) for the browser test" >&2
    {
        if ! { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }; then
            need_root && apt_install chromium chromium-driver
        fi
        if ! python3 -c 'import selenium' 2>/dev/null; then
            # Debian 12's own python3 refuses pip installs outside a venv unless told.
            python3 -m pip install --quiet --disable-pip-version-check selenium 2>/dev/null \
                || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages selenium
        fi
    } || true
    if ! browser_ok; then
        if [ "${CI:-}" = true ]; then echo "install-deps: could not install the browser test's tools" >&2; exit 1; fi
        echo "install-deps: warning: browser test tools missing; \`make test\` will skip the browser test" >&2
    fi
fi
