#!/usr/bin/env bash
# Installs what bulletin needs beyond Swift on Debian/Ubuntu: libxapian-dev and pkg-config;
# for the tests, cmark-gfm (GitHub's CommonMark renderer, which reads back the Markdown notes) and
# xapian-tools (the stock xapian-tcpsrv that serves a remote shard in the remote-shard test).
# Does nothing when they are already there.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists xapian-core && [ -x /usr/bin/cmark-gfm ] && [ -x /usr/bin/xapian-tcpsrv ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps: need root (or sudo) to apt-get install libxapian-dev pkg-config cmark-gfm xapian-tools" >&2; exit 1
    fi
fi
echo "install-deps: installing libxapian-dev pkg-config cmark-gfm xapian-tools with apt-get" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libxapian-dev pkg-config cmark-gfm xapian-tools >/dev/null
pkg-config --exists xapian-core
