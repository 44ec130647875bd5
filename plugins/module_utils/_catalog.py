# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's catalogue of what it can collect from AWS: the CloudWatch namespaces and the services whose logs it takes.

The settings of an integration name both (namespace filters, tag filters, metric name filters; log sources and their
tag filters), and Datadog refuses a name it does not know only once a write reaches it. Checked here first, a run
refuses them before any write, and check mode tells what the real run would meet. Takes a DatadogClient; raises.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._datadog import read_names

# Each part of the catalogue: the path it is read from, and the member of data.attributes that lists it.
PARTS = {
    'namespaces': ('/api/v2/integration/aws/available_namespaces', 'namespaces'),
    'logs_services': ('/api/v2/integration/aws/logs/services', 'logs_services'),
}
_WHAT = {'namespaces': 'a CloudWatch namespace', 'logs_services': 'a log source'}
# As difflib.get_close_matches: at most 3 names, each at least 60 % alike.
_CLOSEST = 3
_CUTOFF = 0.6


def read_part(client, part):
    """One part of the catalogue (namespaces or logs_services), in Datadog's order."""
    path, member = PARTS[part]
    return read_names(client, path, member, 'aws_configuration_read')


def named(settings):
    """(part, option, name) for every namespace and log source that integration settings name, options written as
    the task writes them."""
    metrics = _mapping(settings.get('metrics_config'))
    forwarder = _mapping(_mapping(settings.get('logs_config')).get('lambda_forwarder'))
    found = []
    for member, names in sorted(_mapping(metrics.get('namespace_filters')).items(), key=lambda item: str(item[0])):
        found += [('namespaces', 'metrics_config.namespace_filters.%s' % member, name) for name in _list(names)]
    for option in ('tag_filters', 'metric_name_filters'):
        found += [('namespaces', 'metrics_config.%s[].namespace' % option, entry.get('namespace'))
                  for entry in _mappings(metrics.get(option))]
    found += [('logs_services', 'logs_config.lambda_forwarder.sources', name) for name in _list(forwarder.get('sources'))]
    found += [('logs_services', 'logs_config.lambda_forwarder.log_source_config.tag_filters[].source', entry.get('source'))
              for entry in _mappings(_mapping(forwarder.get('log_source_config')).get('tag_filters'))]
    return [(part, option, name) for part, option, name in found if isinstance(name, str)]


# Settings that no argument spec checked yet (what datadog_aws_catalog_info's only_named_in gets) may hold anything.
def _mapping(value):
    return value if isinstance(value, dict) else {}


def _list(value):
    """A list as an argument spec's type=list makes one: a string is split at commas."""
    if isinstance(value, str):
        return value.split(',')
    return value if isinstance(value, list) else []


def _mappings(entries):
    return [entry for entry in _list(entries) if isinstance(entry, dict)]


def parts_named(settings):
    """The parts of the catalogue (namespaces, logs_services) whose names the settings name, in PARTS' order."""
    wanted = set(part for part, _option, _name in named(settings))
    return [part for part in PARTS if part in wanted]


def closest(name, known):
    """The names of known closest to name, letter case aside, closest first, as difflib.get_close_matches scores
    them; equally close ones in alphabetical order (AWS/EC2 before AWS/ECS for AWS/EC3)."""
    matcher = difflib.SequenceMatcher(b=name.lower())
    scored = []
    for item in known:
        matcher.set_seq1(item.lower())
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF and matcher.ratio() >= _CUTOFF:
            scored.append((-matcher.ratio(), item.lower(), item))
    return [item for _score, _lower, item in sorted(scored)[:_CLOSEST]]


class Catalog:
    """The catalogue as one run needs it: each part read at most once, and only when a check needs it, unless the
    caller already holds it (what ddog.aws.datadog_aws_catalog_info returned, read once for many accounts)."""

    def __init__(self, client, namespaces=None, logs_services=None):
        self._client = client
        self._parts = {'namespaces': namespaces, 'logs_services': logs_services}

    def names(self, part):
        if self._parts[part] is None:
            self._parts[part] = read_part(self._client, part)
        return self._parts[part]

    def refuse_unknown(self, settings):
        """Raise InvalidValue, naming the option and the closest names Datadog knows, for every namespace or log source
        that settings name and Datadog does not know."""
        problems, seen = [], set()
        for part, option, name in named(settings):
            if (option, name) in seen or name in self.names(part):
                continue
            seen.add((option, name))
            near = closest(name, self.names(part))
            problems.append('%s: %s is not %s Datadog knows (%s)' % (
                option, name, _WHAT[part], 'closest: %s' % ', '.join(near) if near else 'no name is close'))
        if problems:
            raise InvalidValue('%s. ddog.aws.datadog_aws_catalog_info lists the names Datadog knows. Nothing was '
                               'changed.' % '; '.join(problems))
