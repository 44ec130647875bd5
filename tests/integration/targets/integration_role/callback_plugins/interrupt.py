# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Kill ansible-playbook right after the task (or loop item) named by INTERRUPT_AFTER, as a crash or Ctrl-C would.

Test tooling: proves that a run interrupted at any step leaves a state the next run completes. Its worker processes
go too, as Ctrl-C ends the whole process group: a worker left behind would block on a result nobody reads and keep
the test's output pipe open.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import multiprocessing
import os
import signal
import sys

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
name: interrupt
type: aggregate
short_description: ends ansible-playbook abruptly after one task
description: Ends the process and its workers with status 3 right after the task named by INTERRUPT_AFTER succeeds (after its first loop item).
requirements: [enable it with ANSIBLE_CALLBACKS_ENABLED=interrupt]
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'interrupt'
    CALLBACK_NEEDS_ENABLED = True

    def _maybe_interrupt(self, result):
        if result._task.name == os.environ.get('INTERRUPT_AFTER'):
            sys.stdout.write('\nINTERRUPTED after: %s\n' % os.environ['INTERRUPT_AFTER'])
            sys.stdout.flush()
            for worker in multiprocessing.active_children():
                os.kill(worker.pid, signal.SIGKILL)
            os._exit(3)

    def v2_runner_on_ok(self, result):
        self._maybe_interrupt(result)

    def v2_runner_item_on_ok(self, result):
        self._maybe_interrupt(result)
