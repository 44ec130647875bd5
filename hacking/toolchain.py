# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Prepare a machine that has only python3 (and perhaps pyenv) for ansible-test.

ansible-test wants real ``pythonX.Y`` executables on PATH (pyenv shims do not
work), and bootstraps pip in each of its virtual environments with a script it
downloads from a host this project's CI cannot reach. This script links the
interpreters it finds into one directory and puts an offline stand-in for that
bootstrap script where ansible-test looks first.

Usage:
  python3 hacking/toolchain.py find X.Y          print the path of a real pythonX.Y, or fail
  python3 hacking/toolchain.py link DIR          link every pythonX.Y found into DIR
  python3 hacking/toolchain.py get-pip VENV      install the bootstrap stand-in for VENV's ansible-test
  python3 hacking/toolchain.py sync DEST         copy the checkout's files (tracked and not ignored) to DEST,
                                                     which ansible-test needs at .../ansible_collections/ddog/aws
  python3 hacking/toolchain.py amazon-aws VENV DEST
                                                     put the amazon.aws collection that ships in the ansible
                                                     package of VENV's ansible-core release at DEST/amazon/aws
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

VERSIONS = ['3.%d' % minor for minor in range(8, 16)]

# Run by ansible-test as: python get_pip.py [pip options] pip==X.Y [--no-setuptools] [--no-wheel]
GET_PIP_STAND_IN = '''"""Offline stand-in for get-pip.py, written by hacking/toolchain.py."""
import subprocess
import sys

DROPPED = ('--no-setuptools', '--no-wheel')
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + [arg for arg in sys.argv[1:] if arg not in DROPPED])
'''


def _is_real(path):
    return os.path.isfile(path) and os.access(path, os.X_OK) and '/shims/' not in os.path.realpath(path)


def _works(path, version):
    try:
        out = subprocess.run([path, '-c', 'import sys, venv; print("%d.%d" % sys.version_info[:2])'],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.stdout.decode().strip() == version


def find_python(version):
    """A real interpreter for version X.Y: on PATH (not a pyenv shim) or in a pyenv install."""
    candidates = []
    for directory in os.environ.get('PATH', '').split(os.pathsep):
        candidates.append(os.path.join(directory, 'python' + version))
    pyenv_root = os.environ.get('PYENV_ROOT') or os.path.expanduser('~/.pyenv')
    candidates += sorted(glob.glob(os.path.join(pyenv_root, 'versions', version + '.*', 'bin', 'python' + version)),
                         reverse=True)
    candidates.append(os.path.join('/usr/bin', 'python' + version))
    for path in candidates:
        if _is_real(path) and _works(path, version):
            return os.path.realpath(path)
    return None


def link(directory):
    os.makedirs(directory, exist_ok=True)
    found = []
    for version in VERSIONS:
        path = find_python(version)
        target = os.path.join(directory, 'python' + version)
        if os.path.lexists(target):
            os.remove(target)
        if path:
            os.symlink(path, target)
            found.append(version)
    print('Python interpreters linked in %s: %s' % (directory, ' '.join(found) or 'none'))


def install_get_pip(venv):
    """Write the stand-in for every pip version the venv's ansible-test may bootstrap."""
    sources = glob.glob(os.path.join(venv, 'lib', 'python3*', 'site-packages', 'ansible_test', '_internal',
                                     'python_requirements.py'))
    if not sources:
        sys.exit('ansible-test is not installed in %s' % venv)
    with open(sources[0]) as handle:
        pip_versions = sorted(set(re.findall(r"pip='([0-9.]+)'", handle.read())))
    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    for version in pip_versions:
        path = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
        with open(path + '.tmp', 'w') as handle:
            handle.write(GET_PIP_STAND_IN)
        shutil.move(path + '.tmp', path)
    print('Offline pip bootstrap for pip %s in %s' % (', '.join(pip_versions), cache))


def sync(destination):
    """Mirror the checkout into destination: what git tracks or would track, as it is in the work tree."""
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    listing = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                             cwd=source, stdout=subprocess.PIPE, check=True).stdout.decode()
    if os.path.exists(destination):
        shutil.rmtree(destination)
    for relative in filter(None, listing.split('\0')):
        path = os.path.join(source, relative)
        if os.path.isfile(path) or os.path.islink(path):
            target = os.path.join(destination, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(path, target, follow_symlinks=False)
    _own_git_index(destination)


def _own_git_index(directory):
    """A git index of directory's files, so that tools that list a collection's files with git (ansible-test,
    antsibull-docs) see them rather than the checkout around build/, which ignores them."""
    subprocess.run(['git', 'init', '--quiet'], cwd=directory, check=True)
    subprocess.run(['git', 'add', '--all'], cwd=directory, check=True)


# The ansible package release that bundles collections for each ansible-core release.
ANSIBLE_FOR_CORE = {'2.18': '11', '2.19': '12', '2.20': '13', '2.21': '14'}


def _wheel_release(path):
    """ansible-14.10.0-py3-none-any.whl -> (14, 10, 0): releases compared as numbers, 14.10 after 14.9."""
    return tuple(int(part) for part in os.path.basename(path).split('-')[1].split('.') if part.isdigit())


def install_amazon_aws(venv, destination):
    """amazon.aws from the ansible package on PyPI: no Galaxy server needed, and it matches the core release."""
    core = subprocess.run([os.path.join(venv, 'bin', 'python'), '-c',
                           'from ansible.release import __version__; print(__version__)'],
                          stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    release = '.'.join(core.split('.')[:2])
    if release not in ANSIBLE_FOR_CORE:
        sys.exit('amazon.aws comes from the ansible package that bundles ansible-core %s, which %s does not know: add '
                 'it to ANSIBLE_FOR_CORE.' % (release, __file__))
    major = ANSIBLE_FOR_CORE[release]
    downloads = os.path.join(os.path.dirname(os.path.abspath(venv)), 'downloads')
    wheels = glob.glob(os.path.join(downloads, 'ansible-%s.*-py3-none-any.whl' % major))
    if not wheels:
        subprocess.run([os.path.join(venv, 'bin', 'python'), '-m', 'pip', 'download', '--quiet', '--no-deps',
                        '--only-binary', ':all:', '--dest', downloads, 'ansible==%s.*' % major], check=True)
        wheels = glob.glob(os.path.join(downloads, 'ansible-%s.*-py3-none-any.whl' % major))
    prefix = 'ansible_collections/amazon/aws/'
    target = os.path.join(destination, 'amazon', 'aws')
    if os.path.exists(target):
        shutil.rmtree(target)
    newest = max(wheels, key=_wheel_release)
    with zipfile.ZipFile(newest) as wheel:
        for name in wheel.namelist():
            if name.startswith(prefix) and not name.endswith('/'):
                path = os.path.join(target, name[len(prefix):])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with wheel.open(name) as source, open(path, 'wb') as copy:
                    shutil.copyfileobj(source, copy)
    _own_git_index(target)
    with open(os.path.join(target, 'MANIFEST.json')) as handle:
        version = json.load(handle)['collection_info']['version']
    print('amazon.aws %s (from %s) in %s' % (version, os.path.basename(newest), target))


def main(argv):
    if len(argv) == 4 and argv[1] == 'amazon-aws':
        install_amazon_aws(argv[2], argv[3])
        return
    if len(argv) != 3 or argv[1] not in ('find', 'link', 'get-pip', 'sync'):
        sys.exit(__doc__)
    command, argument = argv[1], argv[2]
    if command == 'find':
        path = find_python(argument)
        if not path:
            sys.exit('No python%s found on PATH or in pyenv; install it (for example: pyenv install %s).'
                     % (argument, argument))
        print(path)
    elif command == 'link':
        link(argument)
    elif command == 'get-pip':
        install_get_pip(argument)
    else:
        sync(argument)


if __name__ == '__main__':
    main(sys.argv)
