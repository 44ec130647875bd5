# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action plugin's own plumbing. Its documentation lives in a stub under plugins/modules/, which sanity's
validate-modules cannot hold against an argument spec it never sees; this does, option by option. What it does
is tested through ansible-playbook in the integration_role and organization_rollout targets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.plugins.loader import fragment_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.ddog.aws.plugins.action import datadog_aws_integration as action
from ansible_collections.ddog.aws.plugins.modules import datadog_aws_integration as stub


def documented_options():
    doc = get_docstring(stub.__file__, fragment_loader, is_module=True, collection_name='ddog.aws')[0]
    return doc['options']


def compare(documented, spec, path=''):
    """Every difference between documented options and an argument spec, as text."""
    problems = []
    for name in sorted(set(documented) | set(spec)):
        where = path + name
        if name not in documented or name not in spec:
            problems.append('%s is %s' % (where, 'undocumented' if name not in documented else 'not an option'))
            continue
        doc, option = documented[name], spec[name]
        for key, default in (('type', 'str'), ('default', None), ('choices', None), ('elements', None),
                             ('required', False)):
            if doc.get(key, default) != option.get(key, default if key != 'type' else 'str'):
                problems.append('%s: %s documented as %r, is %r' % (where, key, doc.get(key), option.get(key)))
        if sorted(doc.get('aliases') or []) != sorted(option.get('aliases') or []):
            problems.append('%s: aliases differ' % where)
        problems += compare(doc.get('suboptions') or {}, option.get('options') or {}, where + '.')
    return problems


def test_the_documentation_is_the_argument_spec():
    assert compare(documented_options(), action.argument_spec()) == []


def test_the_tasks_environment_applies_while_it_runs_only(monkeypatch):
    monkeypatch.setenv('AWS_REGION', 'us-east-1')
    monkeypatch.delenv('DD_SITE', raising=False)
    with action.task_environment({'AWS_REGION': 'eu-west-1', 'DD_SITE': 'datadoghq.eu'}):
        assert os.environ['AWS_REGION'] == 'eu-west-1' and os.environ['DD_SITE'] == 'datadoghq.eu'
    assert os.environ['AWS_REGION'] == 'us-east-1' and 'DD_SITE' not in os.environ
