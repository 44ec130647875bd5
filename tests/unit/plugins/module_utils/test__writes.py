# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_writes.converge: whose change a read-back shows, after a write that got no usable answer."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError
from ansible_collections.ddog.aws.plugins.module_utils._writes import Plan, converge


class Client:
    retries = 2


class World:
    """One value Datadog holds; each write meets the next scripted answer: None (acted, answered), or (status,
    acted, value another run wrote first)."""

    def __init__(self, held, answers):
        self.held = held
        self.answers = list(answers)
        self.warnings = []

    def plan(self, held, wanted='ours'):
        if held == wanted:
            return Plan(None, None, None, held)
        return Plan('POST' if held is None else 'PATCH', '/p', wanted, wanted)

    def write(self, step):
        answer = self.answers.pop(0)
        if answer is None:
            self.held = step.body
            return step.body
        status, acted, other = answer
        if other is not None:
            self.held = other
        elif acted:
            self.held = step.body
        raise DatadogAPIError('failed', status=status, maybe_applied=status is None or status >= 500)

    def converge(self):
        return converge(Client(), self.held, self.plan, self.write, lambda step: self.held, self.warnings.append)


def inferred(world):
    return [text for text in world.warnings if 'inferred' in text]


@pytest.mark.parametrize('status', [502, None])
def test_a_patch_that_took_effect_without_a_usable_answer_is_a_change(waits, status):
    world = World('old', [(status, True, None)])
    assert world.converge() == (True, 'ours')
    assert len(inferred(world)) == 1 and ('HTTP 502' if status else 'the answer was lost') in inferred(world)[0]


def test_a_409_because_another_run_created_what_is_asked_is_no_change(waits):
    world = World(None, [(409, False, 'ours')])
    assert world.converge() == (False, 'ours')
    assert inferred(world) == [] and 'HTTP 409' in world.warnings[0]


def test_after_a_409_a_patch_that_took_effect_without_an_answer_is_a_change(waits):
    world = World(None, [(409, False, 'theirs'), (502, True, None)])
    assert world.converge() == (True, 'ours')
    assert len(inferred(world)) == 1 and 'HTTP 502' in inferred(world)[0]


def test_a_create_lost_before_datadog_acted_then_another_runs_create_is_no_change(waits):
    world = World(None, [(None, False, None), (409, False, 'ours')])
    assert world.converge() == (False, 'ours')
    assert inferred(world) == []
