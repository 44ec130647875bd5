# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check that a built collection artifact holds the collection and nothing else.

Usage: python check_artifact.py ddog-aws-X.Y.Z.tar.gz
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys
import tarfile

REQUIRED = {'MANIFEST.json', 'FILES.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'CHANGELOG.rst',
            'changelogs', 'docs', 'meta', 'playbooks', 'plugins', 'roles'}
REQUIRED_FILES = {'meta/runtime.yml', 'meta/execution-environment.yml', 'meta/ee-requirements.txt',
                  'changelogs/changelog.yaml', 'docs/docsite/extra-docs.yml', 'docs/docsite/links.yml',
                  'roles/integration_role/meta/argument_specs.yml', 'playbooks/organization_rollout.yml',
                  'plugins/modules/datadog_aws_external_id.py', 'plugins/module_utils/_datadog.py',
                  'plugins/doc_fragments/datadog.py'}
# Anywhere in the tree: caches, byte code, secrets, nested archives.
FORBIDDEN_PARTS = ('__pycache__', '.pytest_cache', '.git', '.venv', '.env')
FORBIDDEN_SUFFIXES = ('.pyc', '.pyo', '.tar.gz', '.secret', '.secrets', '.retry')


def problems(path):
    with tarfile.open(path) as archive:
        names = [name.lstrip('./') for name in archive.getnames()]
    top = {name.split('/')[0] for name in names if name}
    found = []
    found += ['unexpected top-level entry: %s' % name for name in sorted(top - REQUIRED)]
    found += ['missing: %s' % name for name in sorted(REQUIRED - top)]
    found += ['missing: %s' % name for name in sorted(REQUIRED_FILES - set(names))]
    for name in names:
        parts = name.split('/')
        if any(part in FORBIDDEN_PARTS for part in parts) or name.endswith(FORBIDDEN_SUFFIXES):
            found.append('does not belong in the artifact: %s' % name)
    return found, len(names)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    found, count = problems(argv[1])
    for problem in found:
        print(problem)
    if found:
        sys.exit('%s: %d problem(s)' % (argv[1], len(found)))
    print('%s: %d entries, only the collection' % (argv[1], count))


if __name__ == '__main__':
    main(sys.argv)
