# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check, without a container engine, that an execution environment definition can build and run ddog.aws.

What a build would find out late is checked against what the base image is documented to ship: the
interpreter and package manager paths the definition names, that every ansible-core release it admits runs
on the image's Python as a controller, that it admits exactly the releases the collection is tested with
(and none older than meta/runtime.yml's requires_ansible), and that the Containerfile ansible-builder
generated installs that Python with that package manager before anything else.

Usage: python check_ee_definition.py DEFINITION CONTAINERFILE CORE...   (CORE: the tested releases, X.Y)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import sys

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# What each base image the examples may use ships, from the distribution's own documentation.
BASE_IMAGES = {
    # Fedora 42: the python3 package is Python 3.13 (not in the image until installed, since Fedora 41);
    # dnf5 is the package manager.
    'registry.fedoraproject.org/fedora:42': {
        'python': '3.13',
        'python_package': 'python3',
        'python_path': '/usr/bin/python3.13',
        'package_manager': '/usr/bin/dnf5',
    },
}

# The controller Pythons of each ansible-core release, oldest and newest (ansible-core's support matrix).
CONTROLLER_PYTHONS = {
    '2.18': ('3.11', '3.13'),
    '2.19': ('3.11', '3.13'),
    '2.20': ('3.12', '3.14'),
    '2.21': ('3.12', '3.14'),
}


def admitted_releases(specifier):
    """The X.Y releases of ansible-core 2.x that a pip specifier admits any version of."""
    return sorted(('2.%d' % minor for minor in range(10, 40)
                   if any(specifier.contains('2.%d.%d' % (minor, patch), prereleases=False) for patch in (0, 1, 99))),
                  key=Version)


def problems(definition_path, containerfile_path, tested):
    with open(definition_path) as handle:
        definition = yaml.safe_load(handle)
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        requires_ansible = yaml.safe_load(handle)['requires_ansible']
    with open(containerfile_path) as handle:
        containerfile = handle.read()

    found = []
    image = definition.get('images', {}).get('base_image', {}).get('name')
    facts = BASE_IMAGES.get(image)
    if facts is None:
        return ['base image %r is not one whose Python and package manager are known here: %s'
                % (image, ', '.join(sorted(BASE_IMAGES)))]
    dependencies = definition.get('dependencies', {})
    interpreter = dependencies.get('python_interpreter', {})
    expected = {
        'options.package_manager_path': (definition.get('options', {}).get('package_manager_path'),
                                         facts['package_manager']),
        'dependencies.python_interpreter.package_system': (interpreter.get('package_system'),
                                                           facts['python_package']),
        'dependencies.python_interpreter.python_path': (interpreter.get('python_path'), facts['python_path']),
    }
    for key, (value, wanted) in expected.items():
        if value != wanted:
            found.append('%s is %r; %s ships %r' % (key, value, image, wanted))

    core = Requirement(dependencies.get('ansible_core', {}).get('package_pip', ''))
    if core.name != 'ansible-core':
        found.append('dependencies.ansible_core.package_pip must name ansible-core, not %r' % core.name)
    admitted = admitted_releases(core.specifier)
    if admitted != sorted(tested, key=Version):
        found.append('%s admits ansible-core %s; the collection is tested with %s'
                     % (core, ', '.join(admitted) or 'nothing', ', '.join(tested)))
    minimum = Version(requires_ansible.lstrip('>='))
    for release in admitted:
        if Version(release) < Version('%d.%d' % (minimum.major, minimum.minor)):
            found.append('%s admits ansible-core %s, older than requires_ansible %s' % (core, release, requires_ansible))
    for release in tested:
        if release not in CONTROLLER_PYTHONS:
            found.append('the controller Pythons of ansible-core %s are not known here: add them' % release)
            continue
        oldest, newest = CONTROLLER_PYTHONS[release]
        if not Version(oldest) <= Version(facts['python']) <= Version(newest):
            found.append('ansible-core %s runs on Python %s to %s, %s ships %s'
                         % (release, oldest, newest, image, facts['python']))
    if 'package_pip' not in dependencies.get('ansible_runner', {}):
        found.append('dependencies.ansible_runner.package_pip is missing: AWX runs jobs through ansible-runner')

    # The Containerfile, as ansible-builder wrote it from the definition.
    for name, value in (('EE_BASE_IMAGE', image), ('PYCMD', facts['python_path']), ('PYPKG', facts['python_package']),
                        ('PKGMGR', facts['package_manager'])):
        if 'ARG %s="%s"' % (name, value) not in containerfile:
            found.append('the Containerfile does not set %s to %s' % (name, value))
    steps = [line for line in containerfile.splitlines() if line.startswith('RUN ')]
    if not steps or not re.match(r'RUN \$PKGMGR install \$PYPKG\b', steps[0]):
        found.append('the Containerfile does not install $PYPKG with $PKGMGR before any other step')
    return found


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    found = problems(argv[1], argv[2], argv[3:])
    for problem in found:
        print(problem)
    if found:
        sys.exit('%s: %d problem(s)' % (argv[1], len(found)))
    print('%s: base image, interpreter, package manager and ansible-core %s agree'
          % (os.path.basename(argv[1]), ', '.join(argv[3:])))


if __name__ == '__main__':
    main(sys.argv)
