# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the collection's filters share: errors that name a position and the expected type, never a value.

A filter's input can be hostvars, with every account's credentials in it: quoting it, or letting Python's own text
about it through, would print them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence


def kind(value):
    """What value is, in the words of a playbook: a string, a number, a list, a dict ..."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'a boolean'
    if isinstance(value, str):
        return 'a string'
    if isinstance(value, (int, float)):
        return 'a number'
    if isinstance(value, Mapping):
        return 'a dict'
    if is_sequence(value):
        return 'a list'
    return 'a value of another type'


def require(name, condition, what, value, where=''):
    """Raise AnsibleFilterError unless condition: '<name>: <where> must be <what>, got <kind of value>'."""
    if not condition:
        raise AnsibleFilterError('%s: %s must be %s, got %s.' % (name, where or 'its input', what, kind(value)))


def items_of(name, value, what, check):
    """value as a list whose every item passes check; errors name the item by its position."""
    require(name, is_sequence(value), 'a list', value)
    for position, item in enumerate(value, 1):
        require(name, check(item), what, item, 'item %d of its input' % position)
    return list(value)
