# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: rollout_summary
short_description: What a run over many AWS accounts did to each, as lines a person reads
version_added: 0.2.0
author:
  - ddog.aws maintainers (@ddog-aws)
description:
  - Counts the accounts by the C(integration_role_outcome) that P(ddog.aws.integration_role#role) set
    (V(created), V(updated), V(unchanged), V(deleted)), or V(failed), or V(not run) when it is not set, and lists
    them; each failed account gets a line with its reason.
  - Made for the summary of the C(ddog.aws.organization_rollout) playbook, which passes the hostvars of the play's
    hosts.
options:
  _input:
    description:
      - One dict per account, such as C(ansible_play_hosts_all | map('extract', hostvars\)). Each may hold
        C(integration_role_outcome), C(aws_account_id) (else C(inventory_hostname) names it), C(aws_account_name),
        and for a failed account the reason in O(failure_key).
    type: list
    elements: dict
    required: true
  failure_key:
    description: The variable that holds why an account failed.
    type: str
    default: organization_rollout_failure
'''

EXAMPLES = r'''
- name: What the run did
  ansible.builtin.debug:
    msg: "{{ ansible_play_hosts_all | map('extract', hostvars) | ddog.aws.rollout_summary }}"
  run_once: true
'''

RETURN = r'''
_value:
  description:
    - 'The first line counts every outcome, such as C(6 accounts: 3 created, 1 updated, 1 unchanged, 0 deleted,
      1 failed). Then a line per outcome that has accounts, naming them, and a line per failed account with its
      reason.'
  type: list
  elements: str
'''

from collections.abc import Mapping

from ansible_collections.ddog.aws.plugins.plugin_utils._filters import items_of, require

OUTCOMES = ('created', 'updated', 'unchanged', 'deleted', 'failed')


def _text(account, key):
    """A value of the account as one line, or None; a value that is not text is shown by its type, never quoted."""
    value = account.get(key)
    if value is None or value == '':
        return None
    return ' '.join(value.split()) if isinstance(value, str) else '(not text)'


def _name(account):
    name = _text(account, 'aws_account_id') or _text(account, 'inventory_hostname') or '(unnamed)'
    label = _text(account, 'aws_account_name')
    return '%s (%s)' % (name, label) if label else name


def rollout_summary(accounts, failure_key='organization_rollout_failure'):
    # hostvars are mappings, not dicts
    accounts = items_of('rollout_summary', accounts, 'a dict (the hostvars of an account)',
                        lambda account: isinstance(account, Mapping))
    require('rollout_summary', isinstance(failure_key, str), 'a string', failure_key, 'failure_key')
    by_outcome = {}
    for account in accounts:
        by_outcome.setdefault(_text(account, 'integration_role_outcome') or 'not run', []).append(account)
    shown = OUTCOMES + tuple(sorted(outcome for outcome in by_outcome if outcome not in OUTCOMES))
    lines = ['%d accounts: %s' % (len(accounts), ', '.join(
        '%d %s' % (len(by_outcome.get(outcome, [])), outcome) for outcome in shown))]
    lines += ['%s: %s' % (outcome, ', '.join(_name(account) for account in by_outcome[outcome]))
              for outcome in shown if by_outcome.get(outcome)]
    lines += ['%s failed: %s' % (_name(account), _text(account, failure_key) or 'no reason given')
              for account in by_outcome.get('failed', [])]
    return lines


class FilterModule(object):
    def filters(self):
        return {'rollout_summary': rollout_summary}
