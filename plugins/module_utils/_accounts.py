# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's AWS account integrations: finding one, shaping it, and comparing it with what a playbook asks.

How Datadog behaves, as recorded: a PATCH merges what it is sent at every level and keeps what it is not sent;
a list that is sent replaces the stored one whole; sending the other member of a oneOf (``include_all`` or
``include_only``; ``include_only`` or ``exclude_only``) switches it. Lists come back in an order of Datadog's own,
so every list compares as a set. A create fills in DEFAULTS for what it is not sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError

ACCOUNTS_PATH = '/api/v2/integration/aws/accounts'

# What Datadog fills in on create for what it is not sent (recorded 2025-12; AWS/Usage joined the namespaces then).
DEFAULTS = {
    'account_tags': [],
    'aws_regions': {'include_all': True},
    'logs_config': {'lambda_forwarder': {'lambdas': [], 'sources': [], 'log_source_config': {'tag_filters': []}}},
    'metrics_config': {'enabled': True, 'automute_enabled': True, 'collect_custom_metrics': False,
                       'collect_cloudwatch_alarms': False, 'tag_filters': [],
                       'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/ElasticMapReduce', 'AWS/Usage']}},
    'resources_config': {'cloud_security_posture_management_collection': False, 'extended_collection': True},
    'traces_config': {'xray_services': {'include_only': []}},
}
SETTINGS = tuple(DEFAULTS)
# Settings that hold exactly one of their members: the one sent replaces the one stored.
ONE_OF = (('aws_regions',), ('metrics_config', 'namespace_filters'), ('traces_config', 'xray_services'))
# Attributes Datadog writes itself; never compared, never shown in a diff.
READ_ONLY = ('created_at', 'modified_at')

# The application key permission each call needs (Datadog's API reference, x-permission).
PERMISSIONS = {
    'GET': 'aws_configuration_read',
    'POST': 'aws_configurations_manage',
    'PATCH': 'aws_configuration_edit',
    'DELETE': 'aws_configurations_manage',
}

_CONFIG_ID = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def explain(exc, method, aws_account_id):
    """exc, with what a person needs to know next for the errors Datadog answers the account endpoints with."""
    hint = ''
    texts = ' '.join(exc.errors)
    if exc.status == 403:
        hint = ' This call (%s) needs the application key permission %s.' % (method, PERMISSIONS[method])
    elif exc.status == 400 and 'invalid External ID' in texts:
        hint = (' An external ID must come from Datadog and expires 48 hours after Datadog mints it unless an '
                'integration uses it. Get a fresh one with ddog.aws.datadog_aws_external_id, or leave external_id '
                'out and Datadog mints one; then put it in the IAM role\'s trust policy.')
    elif exc.status == 409:
        hint = (' Another run created the integration of AWS account %s meanwhile: run this task again; it finds '
                'the integration and compares it.' % aws_account_id)
    if hint:
        exc = DatadogAPIError(exc.message + hint, status=exc.status, errors=exc.errors, method=exc.method,
                              path=exc.path)
    return exc


def call(module, method, path, aws_account_id, **kwargs):
    """module.call() for an account endpoint, failures explained."""
    try:
        return module.call(method, path, **kwargs)
    except DatadogAPIError as exc:
        raise explain(exc, method, aws_account_id)


def list_accounts(module, aws_account_id=None, aws_partition=None):
    """The integrations Datadog holds (of one AWS account, when given), as Datadog returns them.

    One GET; the filters are applied here too, in case the API ignored them.
    """
    query = {'aws_account_id': aws_account_id} if aws_account_id else None
    payload = call(module, 'GET', ACCOUNTS_PATH, aws_account_id, query=query)
    data = payload.get('data') if isinstance(payload, dict) else None
    if not isinstance(data, list):
        raise DatadogAPIError('Datadog answered GET %s without a list of accounts in its body: %s'
                              % (ACCOUNTS_PATH, module.client.describe(payload)))
    accounts = []
    for item in data:
        if not isinstance(item, dict) or not well_shaped(item):
            raise DatadogAPIError('Datadog listed an account that is not shaped as its API documents: %s'
                                  % module.client.describe(item))
        attributes = item['attributes']
        if aws_account_id and attributes['aws_account_id'] != aws_account_id:
            continue
        if aws_partition and attributes.get('aws_partition', 'aws') != aws_partition:
            continue
        accounts.append(item)
    return accounts


def well_shaped(item):
    """Whether an account config has what the modules read, of the types they read it as."""
    attributes = item.get('attributes')
    return (isinstance(attributes, dict) and isinstance(attributes.get('aws_account_id'), str)
            and isinstance(attributes.get('aws_partition', 'aws'), str)
            and isinstance(attributes.get('auth_config', {}), dict)
            and all(isinstance(attributes.get(name, {}), dict) for name in SETTINGS if name != 'account_tags'))


def config_path(module, item):
    """The path of one integration, from the ID Datadog gave it, which must be a UUID to be put in a URL."""
    config_id = item.get('id')
    if not isinstance(config_id, str) or not _CONFIG_ID.fullmatch(config_id):
        raise DatadogAPIError('Datadog gave an integration an ID that is not a UUID: %s' % module.client.describe(config_id))
    return '%s/%s' % (ACCOUNTS_PATH, config_id)


def auth_summary(attributes):
    """How Datadog gets into the account: auth_type and the fields that go with it."""
    auth = attributes.get('auth_config') if isinstance(attributes.get('auth_config'), dict) else {}
    if auth.get('role_name'):
        return dict(auth_type='role', role_name=auth['role_name'], external_id=auth.get('external_id'))
    return dict(auth_type='access_keys', access_key_id=auth.get('access_key_id'))


def shape(item):
    """One integration as the modules return it: Datadog's attributes, secrets dropped, and its config ID."""
    attributes = copy.deepcopy(item.get('attributes') or {})
    auth = attributes.get('auth_config')
    if isinstance(auth, dict):
        auth.pop('secret_access_key', None)
    attributes['account_config_id'] = item.get('id')
    return attributes


def canonical(value, keep_empty=False):
    """value in a form where lists compare as sets and, unless keep_empty, a missing list equals an empty one."""
    if isinstance(value, dict):
        return dict((key, canonical(item, keep_empty)) for key, item in value.items()
                    if keep_empty or item not in (None, []))
    if isinstance(value, list):
        items = dict((json.dumps(canonical(item), sort_keys=True), canonical(item, keep_empty)) for item in value)
        return [items[key] for key in sorted(items)]
    return value


def without_none(value):
    """What a playbook set: options and suboptions it left out (None) dropped."""
    if isinstance(value, dict):
        return dict((key, without_none(item)) for key, item in value.items() if item is not None)
    if isinstance(value, list):
        return [without_none(item) for item in value]
    return value


def changes(current, desired, path=()):
    """The part of desired that differs from current, shaped as a PATCH merges it; None when nothing does."""
    if path in ONE_OF or not isinstance(desired, dict):
        # Compared inside a dict, so that a list Datadog left out equals an empty one.
        return None if canonical({'value': current}) == canonical({'value': desired}) else desired
    current = current if isinstance(current, dict) else {}
    found = {}
    for key, value in desired.items():
        change = changes(current.get(key), value, path + (key,))
        if change is not None:
            found[key] = change
    return found or None


def merged(stored, sent, path=()):
    """stored after a PATCH (or a create over DEFAULTS) with sent, as Datadog merges them."""
    if path in ONE_OF or not isinstance(sent, dict) or not isinstance(stored, dict):
        return copy.deepcopy(sent)
    result = copy.deepcopy(stored)
    for key, value in sent.items():
        result[key] = merged(stored.get(key), value, path + (key,))
    return result


def diff_view(attributes):
    """The settings a module manages, as a diff shows them: lists in a stable order, nothing Datadog writes, no secret."""
    if not attributes:
        return {}
    view = canonical(dict((key, value) for key, value in attributes.items()
                          if key not in READ_ONLY and key != 'account_config_id'), keep_empty=True)
    auth = view.get('auth_config')
    if isinstance(auth, dict):
        auth.pop('secret_access_key', None)
    return view
