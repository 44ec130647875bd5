# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run a module's main() as Ansible would, against a loopback server or the emulator, and hand back its result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import functools
import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.ddog.aws.tests.unit.utils import API_KEY, APP_KEY

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core 2.18
    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved


class ModuleRun:
    def __init__(self, failed, result, stdout):
        self.failed = failed
        self.result = result
        self.stdout = stdout


@pytest.fixture
def run_module(capsys):
    """run_module(main, args, check_mode=False, diff=False) -> ModuleRun; args get fake keys unless told otherwise."""
    def run(main, args, check_mode=False, with_keys=True, diff=False):
        module_args = dict(api_key=API_KEY, app_key=APP_KEY) if with_keys else {}
        module_args.update(args)
        # As ansible-core passes it: the name the task used, which the client puts in its User-Agent.
        module_args['_ansible_module_name'] = 'ddog.aws.' + main.__module__.rsplit('.', 1)[-1]
        if check_mode:
            module_args['_ansible_check_mode'] = True
        if diff:
            module_args['_ansible_diff'] = True
        capsys.readouterr()
        # Warnings are process-wide in ansible-core; each run starts without those of earlier runs.
        warnings._global_warnings.clear()
        warnings._global_deprecations.clear()
        with patch_module_args(module_args):
            with pytest.raises(SystemExit) as exit_info:
                main()
        stdout = capsys.readouterr().out
        result = json.loads(stdout)
        return ModuleRun(exit_info.value.code != 0 or bool(result.get('failed')), result, stdout)
    return run


@pytest.fixture
def run(request):
    """run(args=None, **kwargs): the test file's MODULE through its main(), against the emulator, or the
    loopback httpserver the test scripts when the file says SERVER = 'httpserver'."""
    against = 'run_against_server' if getattr(request.module, 'SERVER', 'emulator') == 'httpserver' \
        else 'run_against_emulator'
    return functools.partial(request.getfixturevalue(against), request.module.MODULE.main)


@pytest.fixture
def run_against_server(run_module, httpserver):
    """run_against_server(main, args=None, **kwargs): run_module with api_host set to the loopback httpserver."""
    def run(main, args=None, **kwargs):
        module_args = dict(api_host=httpserver.url_for('/'))
        module_args.update(args or {})
        return run_module(main, module_args, **kwargs)
    return run


@pytest.fixture
def run_against_emulator(run_module, datadog):
    """run_against_emulator(main, args=None, **kwargs): run_module with the emulator's keys, URL and CA."""
    def run(main, args=None, **kwargs):
        module_args = dict(datadog.connection)
        module_args.update(args or {})
        return run_module(main, module_args, with_keys=False, **kwargs)
    return run
