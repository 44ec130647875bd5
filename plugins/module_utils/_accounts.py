# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's AWS account integrations: every rule of the account endpoints, for modules, actions and the engine.

Each function takes a DatadogClient and raises DatadogAPIError; none knows of Ansible modules.

How Datadog behaves, as recorded: a PATCH merges what it is sent at every level and keeps what it is not sent;
a list that is sent replaces the stored one whole; sending the other member of a oneOf (``include_all`` or
``include_only``; ``include_only`` or ``exclude_only``) switches it. Lists come back in an order of Datadog's own,
so every list compares as a set. A create fills in DEFAULTS for what it is not sent. Datadog holds one integration
per AWS account ID and cannot switch one between a role and access keys.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue, datadog_principal, trust_policy
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, request
from ansible_collections.ddog.aws.plugins.module_utils._writes import Plan, converge, delete_confirmed

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


def _set_of(member_type):
    return dict(type='list', elements=member_type)


def _one_of(first, first_spec, second, second_spec):
    return dict(type='dict', options={first: first_spec, second: second_spec},
                mutually_exclusive=[(first, second)], required_one_of=[(first, second)])


def _tag_filters(key):
    return dict(type='list', elements='dict', options={key: dict(type='str', required=True), 'tags': _set_of('str')})


def _metric_name_filters():
    return dict(type='list', elements='dict', options=dict(
        namespace=dict(type='str', required=True), include_only=_set_of('str'), exclude_only=_set_of('str')),
        mutually_exclusive=[('include_only', 'exclude_only')], required_one_of=[('include_only', 'exclude_only')])


# The settings as options (the ddog.aws.datadog.account_settings doc fragment documents them), in Terraform's names.
SETTINGS_ARGUMENT_SPEC = dict(
    account_tags=_set_of('str'),
    aws_regions=_one_of('include_all', dict(type='bool'), 'include_only', _set_of('str')),
    metrics_config=dict(type='dict', options=dict(
        enabled=dict(type='bool'),
        automute_enabled=dict(type='bool'),
        collect_cloudwatch_alarms=dict(type='bool'),
        collect_custom_metrics=dict(type='bool'),
        namespace_filters=_one_of('include_only', _set_of('str'), 'exclude_only', _set_of('str')),
        tag_filters=_tag_filters('namespace'),
        metric_name_filters=_metric_name_filters(),
    )),
    logs_config=dict(type='dict', options=dict(lambda_forwarder=dict(type='dict', options=dict(
        lambdas=_set_of('str'),
        sources=_set_of('str'),
        log_source_config=dict(type='dict', options=dict(tag_filters=_tag_filters('source'))),
    )))),
    resources_config=dict(type='dict', options=dict(
        cloud_security_posture_management_collection=dict(type='bool'),
        extended_collection=dict(type='bool'),
    )),
    traces_config=dict(type='dict', options=dict(
        xray_services=_one_of('include_all', dict(type='bool'), 'include_only', _set_of('str')),
    )),
)

# Settings that hold exactly one of their members: the one sent replaces the one stored.
ONE_OF = (('aws_regions',), ('metrics_config', 'namespace_filters'), ('traces_config', 'xray_services'))
# Attributes Datadog writes itself; never compared, never shown in a diff.
READ_ONLY = ('created_at', 'modified_at')
# Shown where only Datadog can tell the external ID: a create in check mode.
PLACEHOLDER_ID = '(generated at run time)'

# The application key permission each call needs (Datadog's API reference, x-permission).
PERMISSIONS = {
    'GET': 'aws_configuration_read',
    'POST': 'aws_configurations_manage',
    'PATCH': 'aws_configuration_edit',
    'DELETE': 'aws_configurations_manage',
}

_CONFIG_ID = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def explain(exc, aws_account_id):
    """exc, with what a person needs to know next for the errors Datadog answers the account endpoints with."""
    texts = ' '.join(exc.errors)
    if exc.status == 400 and 'invalid External ID' in texts:
        return exc.explained(
            ' An external ID must come from Datadog and expires 48 hours after Datadog mints it unless an '
            'integration uses it. Get a fresh one with ddog.aws.datadog_aws_external_id, or leave external_id '
            'out and Datadog mints one; then put it in the IAM role\'s trust policy.')
    if exc.status == 409:
        return exc.explained(
            ' Another run created the integration of AWS account %s meanwhile: run this task again; it finds '
            'the integration and compares it.' % aws_account_id)
    return exc


def call(client, method, path, aws_account_id, **kwargs):
    """client.request() for an account endpoint, failures explained (_datadog.request() names a missing permission)."""
    try:
        return request(client, method, path, PERMISSIONS[method], **kwargs)
    except DatadogAPIError as exc:
        raise explain(exc, aws_account_id)


def list_accounts(client, aws_account_id=None, aws_partition=None):
    """The integrations Datadog holds (of one AWS account, when given), as Datadog returns them.

    One GET; the filters are applied here too, in case the API ignored them.
    """
    query = {'aws_account_id': aws_account_id} if aws_account_id else None
    payload = call(client, 'GET', ACCOUNTS_PATH, aws_account_id, query=query)
    data = payload.get('data') if isinstance(payload, dict) else None
    if not isinstance(data, list):
        raise DatadogAPIError('Datadog answered GET %s without a list of accounts in its body: %s'
                              % (ACCOUNTS_PATH, client.describe(payload)))
    for item in data:
        if not isinstance(item, dict) or not well_shaped(item):
            raise DatadogAPIError('Datadog listed an account that is not shaped as its API documents: %s'
                                  % client.describe(item))
    return matching(data, aws_account_id, aws_partition)


def matching(items, aws_account_id=None, aws_partition=None):
    """The items of one AWS account ID and partition, when given."""
    return [item for item in items
            if (not aws_account_id or item['attributes']['aws_account_id'] == aws_account_id)
            and (not aws_partition or item['attributes'].get('aws_partition', 'aws') == aws_partition)]


def well_shaped(item):
    """Whether an account config has what the modules read, of the types they read it as."""
    attributes = item.get('attributes')
    return (isinstance(attributes, dict) and isinstance(attributes.get('aws_account_id'), str)
            and isinstance(attributes.get('aws_partition', 'aws'), str)
            and isinstance(attributes.get('auth_config', {}), dict)
            and all(isinstance(attributes.get(name, {}), dict) for name in SETTINGS if name != 'account_tags'))


def find(client, aws_account_id, aws_partition, listed=None):
    """The one integration of the account in aws_partition, or None; raises when Datadog holds it elsewhere.

    listed: the integrations read earlier (items as Datadog returns them); None to look the account up now.
    """
    found = list_accounts(client, aws_account_id) if listed is None else matching(listed, aws_account_id)
    same = matching(found, aws_partition=aws_partition)
    if len(same) > 1:
        raise DatadogAPIError('Datadog holds %d integrations of AWS account %s in the %s partition; this collection '
                              'manages one. Delete the extra ones (see ddog.aws.datadog_aws_account_info).'
                              % (len(same), aws_account_id, aws_partition))
    if found and not same:
        raise DatadogAPIError('Datadog integrates AWS account %s in the %s partition, not %s. Set aws_partition to '
                              'match, or delete that integration first. Nothing was changed.' % (
                                  aws_account_id, found[0]['attributes'].get('aws_partition'), aws_partition))
    return same[0] if same else None


def config_path(client, item):
    """The path of one integration, from the ID Datadog gave it, which must be a UUID to be put in a URL."""
    config_id = item.get('id')
    if not isinstance(config_id, str) or not _CONFIG_ID.fullmatch(config_id):
        raise DatadogAPIError('Datadog gave an integration an ID that is not a UUID: %s' % client.describe(config_id))
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


def unshape(account):
    """An item as Datadog returns it, from one that shape() made (what datadog_aws_account_info returns)."""
    if not isinstance(account, dict):
        return account
    attributes = dict((key, value) for key, value in account.items() if key != 'account_config_id')
    return {'id': account.get('account_config_id'), 'type': 'account', 'attributes': attributes}


def refuse_empty_name_filters(settings):
    """Raise when a metric name filter lists no pattern: including none and excluding none are opposites that
    compare alike (canonical() drops empty lists), and what Datadog does with either is not recorded."""
    filters = (settings.get('metrics_config') or {}).get('metric_name_filters') or []
    for index, entry in enumerate(filters):
        for member in ('include_only', 'exclude_only'):
            if entry.get(member) == []:
                raise InvalidValue(
                    'metrics_config.metric_name_filters[%d].%s is empty; it needs at least one metric name pattern. To '
                    'collect no metric of %s, leave it out in metrics_config.namespace_filters; to collect every one, '
                    'give it no entry in metric_name_filters.' % (index, member, entry.get('namespace')))


def canonical(value, keep_empty=False):
    """value in a form where lists compare as sets and, unless keep_empty, a missing list equals an empty one."""
    if isinstance(value, dict):
        return dict((key, canonical(item, keep_empty)) for key, item in value.items()
                    if keep_empty or item not in (None, []))
    if isinstance(value, list):
        items = dict((json.dumps(canonical(item), sort_keys=True), canonical(item, keep_empty)) for item in value)
        return [items[key] for key in sorted(items)]
    return value


def as_asked(value):
    """What a playbook set: options and suboptions it left out (None) dropped, and each list's repeats, the first of
    each kept in its place (Datadog would store them; every comparison treats lists as sets anyway)."""
    if isinstance(value, dict):
        return dict((key, as_asked(item)) for key, item in value.items() if item is not None)
    if isinstance(value, list):
        kept = {}
        for item in value:
            kept.setdefault(json.dumps(canonical(as_asked(item)), sort_keys=True), as_asked(item))
        return list(kept.values())
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


class Desired:
    """What a task asks of one integration.

    auth: {'role_name', 'external_id'} or {'access_key_id'} or {} (keep what Datadog holds); never the secret.
    settings: the settings the task sets, options left out dropped. secret_access_key and update_secret say when the
    secret is sent: on create and when the access key ID changes, or on every run ('always').
    """

    def __init__(self, aws_account_id, aws_partition='aws', role_name=None, external_id=None, access_key_id=None,
                 secret_access_key=None, update_secret='on_create', settings=None):
        self.aws_account_id = aws_account_id
        self.aws_partition = aws_partition
        if role_name:
            self.auth = as_asked(dict(role_name=role_name, external_id=external_id))
        elif access_key_id:
            self.auth = dict(access_key_id=access_key_id)
        else:
            self.auth = {}
        self.secret_access_key = secret_access_key
        self.update_secret = update_secret
        self.settings = as_asked(dict((key, (settings or {}).get(key)) for key in SETTINGS))
        refuse_empty_name_filters(self.settings)

    def identity(self):
        return dict(aws_account_id=self.aws_account_id, aws_partition=self.aws_partition)

    def without_external_id(self):
        """The same ask, leaving the external ID to Datadog to mint."""
        other = copy.copy(self)
        other.auth = dict((key, value) for key, value in self.auth.items() if key != 'external_id')
        return other


def held_by_other(attributes, role_name):
    """Why Datadog's integration is not this role's: held with access keys or another role; None when it is."""
    auth = auth_summary(attributes)
    if auth['auth_type'] == 'role' and auth['role_name'] == role_name:
        return None
    return 'the role %s' % auth['role_name'] if auth['auth_type'] == 'role' else 'access keys'


def refuse_other_holder(current, aws_account_id, role_name):
    """Raise, before any write, when Datadog integrates the account otherwise than with this role."""
    holder = held_by_other(current['attributes'], role_name) if current else None
    if holder:
        raise DatadogAPIError(
            'Datadog integrates AWS account %s with %s, not with the role %s: set the role name to match, or change '
            'the integration first. Nothing was changed.' % (aws_account_id, holder, role_name))


def _refuse_auth_switch(current, desired):
    """Datadog answers 400 to a switch between role and keys: say so, and how to do it, before any write."""
    held = auth_summary(current)
    if not desired.auth or ('role_name' in desired.auth) == (held['auth_type'] == 'role'):
        return
    how = 'the IAM role %s' % held['role_name'] if held['auth_type'] == 'role' else 'access keys'
    raise DatadogAPIError(
        'Datadog integrates AWS account %s with %s; it cannot switch an integration between a role and access keys '
        '(it answers "cannot switch between role and key based auth"). To switch, delete the integration '
        '(state=absent) and create it again. Nothing was changed.' % (desired.aws_account_id, how))


def _secret_to_send(current_attributes, desired):
    """The secret access key when this run must send it (see Desired), else None."""
    if 'access_key_id' not in desired.auth:
        return None
    held_key = (current_attributes.get('auth_config') or {}).get('access_key_id') if current_attributes else None
    if held_key == desired.auth['access_key_id'] and desired.update_secret != 'always':
        return None
    if not desired.secret_access_key:
        raise DatadogAPIError('secret_access_key is required to %s access_key_id of AWS account %s.' % (
            'create an integration with' if current_attributes is None else 'change', desired.aws_account_id))
    return desired.secret_access_key


def plan_present(client, current, desired, catalog=None):
    """The write that brings the integration (None: there is none yet) to what desired asks, or no write.

    catalog: a _catalog.Catalog, to refuse the namespaces and log sources of the write that Datadog does not know.
    """
    plan = _plan_present(client, current, desired)
    if plan.method is not None and catalog is not None:
        catalog.refuse_unknown(plan.body)
    return plan


def _plan_present(client, current, desired):
    identity = desired.identity()
    if current is None:
        if not desired.auth:
            raise DatadogAPIError('role_name, or access_key_id and secret_access_key, is required to create the '
                                  'integration of AWS account %s.' % desired.aws_account_id)
        body = dict(identity, auth_config=dict(desired.auth), **desired.settings)
        secret = _secret_to_send(None, desired)
        if secret:
            body['auth_config']['secret_access_key'] = secret
        after = dict(merged(DEFAULTS, desired.settings), auth_config=dict(desired.auth), **identity)
        return Plan('POST', ACCOUNTS_PATH, body, after)

    attributes = current['attributes']
    _refuse_auth_switch(attributes, desired)
    patch = changes(attributes, dict(desired.settings, auth_config=desired.auth) if desired.auth
                    else desired.settings) or {}
    secret = _secret_to_send(attributes, desired)
    if secret:
        patch['auth_config'] = dict(patch.get('auth_config') or {}, secret_access_key=secret)
    if 'auth_config' in patch:
        # Datadog tells a role from keys by the key that names them, so it goes with any change of either.
        name = 'role_name' if 'role_name' in desired.auth else 'access_key_id'
        patch['auth_config'] = dict(patch['auth_config'], **{name: desired.auth[name]})
    if not patch:
        return Plan(None, None, None, shape(current))
    return Plan('PATCH', config_path(client, current), dict(identity, **patch),
                shape(dict(current, attributes=merged(attributes, patch))))


def _write(client, plan, aws_account_id):
    """Send plan's POST or PATCH; the item Datadog answers with. A repeated PATCH sets the same values again."""
    payload = call(client, plan.method, plan.path, aws_account_id,
                   body={'data': {'type': 'account', 'attributes': plan.body}}, repeatable=plan.method == 'PATCH',
                   if_lost='It is read back to see whether Datadog acted.')
    item = payload.get('data') if isinstance(payload, dict) else None
    if not isinstance(item, dict) or not well_shaped(item):
        raise DatadogAPIError('Datadog answered %s %s without the account in its body: %s.'
                              % (plan.method, plan.path, client.describe(payload)), maybe_applied=True)
    return item


def apply_present(client, current, desired, warn, catalog=None):
    """Create or update; (changed, the integration after it as the modules return it). catalog: see plan_present.

    A write whose answer is lost, or answered with a 5xx or a 409, is never sent again blindly (_writes.converge).
    Datadog answered concurrent writes with a 500 ("conflicting updates"); runs that write at once (forks, job slices)
    meet that way.
    """
    def read_back(plan):
        found = find(client, desired.aws_account_id, desired.aws_partition)
        if found is not None and plan.method == 'POST' and 'role_name' in desired.auth:
            # Created, by this run whose answer was lost or by another run: it must be this role's to go on.
            refuse_other_holder(found, desired.aws_account_id, desired.auth['role_name'])
        return found

    return converge(client, current, lambda held: plan_present(client, held, desired, catalog),
                    lambda plan: shape(_write(client, plan, desired.aws_account_id)), read_back, warn)


def delete(client, current, warn):
    """Delete the integration; whether this run deleted it (see _writes.delete_confirmed)."""
    aws_account_id = current['attributes']['aws_account_id']
    return delete_confirmed(
        lambda: call(client, 'DELETE', config_path(client, current), aws_account_id, repeatable=True),
        lambda: any(item.get('id') == current.get('id') for item in list_accounts(client, aws_account_id)),
        warn, 'the integration of AWS account %s' % aws_account_id)


def apply_absent(client, current, warn, check_mode=False):
    """Delete the integration, if there is one (current); whether this run deleted it (in check mode, would)."""
    return current is not None and (check_mode or delete(client, current, warn))


def outcome(after, site, partition):
    """What a module returns of an integration: the account, its config ID, and for a role the principal, the
    external ID and the trust policy that goes with them."""
    result = dict(account=after or {})
    if after and after.get('account_config_id'):
        result['account_config_id'] = after['account_config_id']
    auth = auth_summary(after) if after else {}
    if auth.get('auth_type') != 'role':
        return result
    try:
        principal = datadog_principal(site, partition)
    except ValueError:
        return result
    result['datadog_principal'] = principal
    if auth['external_id']:
        result.update(external_id=auth['external_id'], trust_policy=trust_policy(principal, auth['external_id']))
    return result
