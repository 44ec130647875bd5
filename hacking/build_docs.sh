#!/usr/bin/env bash
# make docs: the collection's documentation site, built offline with antsibull-docs and Sphinx.
# Usage: build_docs.sh TOOLS_VENV COLLECTIONS_ROOT DEST_DIR   (HTML in DEST_DIR/build/html)
set -euo pipefail

tools="$1"
collections="$2"
dest="$3"
export PATH="$tools/bin:$PATH" ANSIBLE_COLLECTIONS_PATH="$collections"

rm -rf "$dest"
mkdir -p "$dest"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$dest" \
    --project ddog.aws --copyright 'ddog.aws contributors' --title 'ddog.aws documentation' \
    --index-rst-source "$(cd "$(dirname "$0")/.." && pwd)/docs/docsite/index.rst" \
    ddog.aws > "$dest/sphinx-init.log"

# ddog.aws is not on Galaxy yet: every plugin page says where it lives and how to install it, as the README does.
sed -i -e 's|^collection_url = {$|&\n  ddog.aws = "https://github.com/ddog-aws/ddog.aws"|' \
    -e 's|^collection_install = {$|&\n  ddog.aws = "ansible-galaxy collection install git+https://github.com/ddog-aws/ddog.aws.git,main"|' \
    "$dest/antsibull-docs.cfg"

# The generated conf.py fetches intersphinx inventories from docs.ansible.com and docs.python.org, which this
# build cannot reach, so intersphinx is off. References into the Ansible documentation then have no target:
# the pages of other collections and their plugins (amazon.aws, ansible.builtin), ansible-core's reference
# pages that antsibull-docs' templates link to (action plugins, return values, configuration), and ansible-core's
# configuration settings (ANSIBLE_CACHE_PLUGIN ..., which the inventory cache options read). They render as plain
# text, and nitpick_ignore_regex keeps exactly those out of the warnings; any other warning fails the build
# (build.sh runs sphinx-build -W).
cat >> "$dest/conf.py" <<'PYTHON'

# Added by hacking/build_docs.sh for an offline build.
intersphinx_mapping = {}
nitpick_ignore_regex = [
    ('std:ref', r'ansible_collections\.(?!ddog\.aws\.).*'),
    ('std:ref', r'plugins_in_(?!ddog\.aws$).*'),
    ('std:ref', r'common_return_values|ansible_configuration_settings|action_plugins'),
    ('std:envvar', r'ANSIBLE_.*'),
]
PYTHON

"$dest/build.sh"
echo "Documentation: $dest/build/html/index.html"
