# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How the collection writes to Datadog without ever sending a write again blindly.

A resource is brought to what a task asks by a plan (the write it needs, decided from what Datadog holds) and that
write. When the write's answer is lost, or is a 5xx (Datadog may have acted on it), or a create meets a 409 (another
run created it meanwhile), what Datadog holds is read back after a backoff and the plan made again, as often as the
client's retries allow. A delete Datadog answers with "not found" is checked the same way.

Each function takes a DatadogClient and raises DatadogAPIError; none knows of Ansible modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, pause

# What Datadog answers a delete of what is not there (404, or 400 where the API reports no 404).
_NOT_FOUND = (400, 404)


class Plan:
    """What a run does to one resource: the write (method, path, body to send) or none, and the resource after it,
    shaped as the modules return it (predicted until the write's answer replaces it)."""

    def __init__(self, method, path, body, after):
        self.method = method
        self.path = path
        self.body = body
        self.after = after


def converge(client, current, plan, write, read_back, warn):
    """Write what plan(current) says until Datadog holds what is asked; (changed, the resource after it).

    plan(held) returns a Plan; write(plan) sends it and returns the resource after it; read_back(plan) returns what
    Datadog holds now (something false when nothing). A read-back that needs no more writes, after a write that got no
    usable answer, holds what the task asks where what was held before needed that write: the write took effect, and
    changed is inferred, with a warning. Not so after a 409 to a create: another run created what is read back, which
    is compared like anything held before this run.
    """
    changed, writes, failure, sent = False, 0, None, None
    while True:
        step = plan(current)
        if step.method is None:
            if changed:
                warn('Datadog now holds what the task asks, which it did not before %s (%s): reported as changed by '
                     'this run, which is inferred from the read-back.' % (sent, _unanswered(failure)))
            return changed, step.after
        if failure is not None:
            if writes > client.retries:
                raise failure
        writes += 1
        try:
            return True, write(step)
        except DatadogAPIError as exc:
            if not (exc.maybe_applied or (step.method == 'POST' and exc.status == 409)):
                raise
            failure, sent = exc, '%s %s' % (step.method, step.path)
        # Datadog may still be acting on the write: the backoff comes before the read-back, so that a create still
        # under way is found there rather than sent again.
        pause(writes)
        current = read_back(step)
        # A 409 to a create is another run's doing, unless an earlier write of this run may have taken effect.
        changed = changed or not (step.method == 'POST' and failure.status == 409)
        warn('%s got no usable answer (%s); what Datadog holds was read back and the run went on from it.'
             % (sent, _unanswered(failure)))


def _unanswered(failure):
    return 'HTTP %s' % failure.status if failure.status else 'the answer was lost'


def delete_confirmed(send, held, warn, what):
    """send() a DELETE of what the caller has just read as held, which repeating is harmless (so the client retries
    it); whether this run deleted what.

    Datadog has answered "not found" to a DELETE it acted on, so such an answer is checked: when held() says Datadog
    still holds what, the answer stands as an error; else this run's DELETE removed it, and a warning says that is
    inferred.
    """
    try:
        send()
    except DatadogAPIError as exc:
        if exc.status not in _NOT_FOUND:
            raise
        if held():
            raise exc.explained(' Datadog still holds %s: nothing was deleted.' % what)
        answer = ('its answer was lost and a second attempt got HTTP %s' if exc.lost_before
                  else 'Datadog answered it with HTTP %s') % exc.status
        warn('The DELETE of %s got no usable answer (%s) and a read-back found it gone: reported as deleted by this '
             'run, which is inferred.' % (what, answer))
    return True
