# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Import a built artifact with galaxy-importer, as Galaxy and Automation Hub do on upload.

Uses tests/utils/galaxy-importer.cfg (offline, no container engine) and fails on
any error or warning the importer reports, except those it cannot avoid: it
lints the artifact alone, so the amazon.aws modules the role and the playbook call do not resolve
(make lint's own ansible-lint run has amazon.aws and checks those tasks), and ansible-doc cannot read the
aws_organization inventory plugin, whose options come from amazon.aws's doc fragments (make lint's antsibull-docs
run, and ansible-test sanity, have amazon.aws and check its documentation). Galaxy's own import is as sterile: its
page for the collection shows no documentation for that plugin.

Usage: python check_galaxy_import.py ddog-aws-X.Y.Z.tar.gz WORK_DIR
Run it with the Python of the virtual environment that has galaxy-importer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'galaxy-importer.cfg')
EXPECTED = re.compile(r"^WARNING: (roles|playbooks)/[^ ]+: syntax-check\[unknown-module\]: "
                      r"couldn't resolve module/action 'amazon\.aws\."
                      r"|^ERROR: Error running ansible-doc: "
                      r"cmd=\"[^\"]* --type inventory --json ddog\.aws\.aws_organization\" returncode=\"1\" "
                      r"b\"\[ERROR\]: inventory ddog\.aws\.aws_organization Missing documentation .* "
                      r"unknown doc_fragment\(s\) in file \S+/plugins/inventory/aws_organization\.py: "
                      r"amazon\.aws\.[a-z0-9_.]+(, amazon\.aws\.[a-z0-9_.]+)*\\n\"$")


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    artifact, work = os.path.abspath(argv[1]), argv[2]
    os.makedirs(work, exist_ok=True)
    # The committed configuration decides, not GALAXY_IMPORTER_* variables of the caller's environment.
    env = {key: value for key, value in os.environ.items() if not key.startswith('GALAXY_IMPORTER_')}
    env['GALAXY_IMPORTER_CONFIG'] = CONFIG
    # The importer runs ansible-doc and ansible-lint from PATH: those of this virtual environment.
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    completed = subprocess.run([sys.executable, '-m', 'galaxy_importer.main', artifact], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    output = completed.stdout.decode('utf-8', 'replace')
    print(output, end='')
    unexpected = [line for line in output.splitlines()
                  if line.startswith(('WARNING:', 'ERROR:')) and not EXPECTED.match(line)]
    if completed.returncode != 0 or unexpected:
        sys.exit('galaxy-importer: the import failed (exit code %d) or reported %d unexpected problem(s)'
                 % (completed.returncode, len(unexpected)))
    print('galaxy-importer: %s imports as Galaxy and Automation Hub would import it' % os.path.basename(artifact))


if __name__ == '__main__':
    main(sys.argv)
