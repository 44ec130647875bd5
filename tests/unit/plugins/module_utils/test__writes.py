# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_writes.converge against a Datadog of the test's own: one resource, created late or at once, as a gateway may
answer before (or without telling that) the backend acted."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _writes
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError

WANTED = {'name': 'app'}


class Datadog:
    """Holds at most one resource; each write's outcome is scripted: 'lost' (acted on, answer lost), 'late' (answer
    lost, acted on only once the client has waited), 'conflict' (409, as to a create of what is there)."""

    def __init__(self, outcomes):
        self.outcomes = list(outcomes)
        self.held = None
        self.pending = None
        self.writes = []
        self.retries = 5

    def write(self, step):
        self.writes.append(step.method)
        outcome = self.outcomes.pop(0) if self.outcomes else 'ok'
        if outcome == 'conflict':
            raise DatadogAPIError('conflict', status=409, method=step.method, path=step.path)
        if outcome == 'late':
            self.pending = dict(step.body)
        else:
            self.held = dict(step.body)
        if outcome in ('lost', 'late'):
            raise DatadogAPIError('lost', method=step.method, path=step.path, maybe_applied=True)
        return self.held

    def waited(self, _attempt):
        if self.pending is not None:
            self.held, self.pending = self.pending, None

    def plan(self, held):
        if held == WANTED:
            return _writes.Plan(None, None, None, held)
        return _writes.Plan('POST', '/things', WANTED, WANTED)


def converge(datadog, monkeypatch):
    monkeypatch.setattr(_writes, 'pause', datadog.waited)
    warnings = []
    changed, after = _writes.converge(datadog, None, datadog.plan, datadog.write, lambda step: datadog.held,
                                      warnings.append)
    return changed, after, warnings


def test_a_create_datadog_finishes_after_a_lost_answer_is_found_not_sent_again(monkeypatch):
    datadog = Datadog(['late'])
    changed, after, warnings = converge(datadog, monkeypatch)
    assert datadog.writes == ['POST'], 'the read-back comes after the backoff, and finds the create'
    assert changed is True and after == WANTED
    assert 'inferred from the read-back' in warnings[-1]


def test_a_409_after_a_lost_create_of_this_run_is_still_this_runs_change(monkeypatch):
    """The first create's answer is lost and the read-back does not find it yet; the second meets a 409, which this
    run's own create explains."""
    datadog = Datadog(['late', 'conflict'])
    datadog.waited = lambda _attempt: None  # the first create lands only after the second is sent
    real_write = datadog.write

    def write(step):
        if datadog.pending is not None:
            datadog.held, datadog.pending = datadog.pending, None
        return real_write(step)

    datadog.write = write
    changed, after, warnings = converge(datadog, monkeypatch)
    assert datadog.writes == ['POST', 'POST']
    assert changed is True and after == WANTED
    assert 'inferred from the read-back' in warnings[-1]


@pytest.mark.parametrize('outcomes, changed', [(['conflict'], False), (['lost'], True), ([], True)])
def test_what_another_run_created_is_no_change_of_this_run(monkeypatch, outcomes, changed):
    datadog = Datadog(outcomes)
    if outcomes == ['conflict']:
        datadog.held = dict(WANTED)  # another run created it between this run's read and its create
    assert converge(datadog, monkeypatch)[:2] == (changed, WANTED)
