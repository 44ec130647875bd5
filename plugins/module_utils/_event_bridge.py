# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's Amazon EventBridge sources: every rule of /api/v2/integration/aws/event_bridge.

A source is a partner event source that Datadog creates in an integrated AWS account and region. Datadog names it
after the event generator name it is given, followed by a dash and a suffix of its own (8 lowercase letters or
digits in every recorded answer), and lists every source of every integrated account in one GET. Sources cannot be
changed: a source is created, or deleted by its full name. A source of the task is one in its account and region
named after its event generator name, with Datadog's suffix or without.

Each function takes a DatadogClient and raises DatadogAPIError; none knows of Ansible modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, request, v2_attributes
from ansible_collections.ddog.aws.plugins.module_utils._writes import Plan, converge, delete_confirmed

PATH = '/api/v2/integration/aws/event_bridge'
RESOURCE_TYPE = 'event_bridge'
# The application key permission each call needs (Datadog's API reference, x-permission).
PERMISSIONS = {'GET': 'integrations_read', 'POST': 'manage_integrations', 'DELETE': 'manage_integrations'}
# Shown where only Datadog can tell the source's name: a create in check mode.
PLACEHOLDER_SUFFIX = '(suffix assigned by Datadog)'

# Datadog's suffix, exactly as recorded, with no dash: app-team-zyxw3210, a source of the generator name app-team,
# is never taken for one of app's, which state=absent would delete.
_SUFFIX = re.compile(r'[a-z0-9]{8}')


def call(client, method, body=None, **kwargs):
    """_datadog.request() on the EventBridge endpoint, with the permission the call needs."""
    return request(client, method, PATH, PERMISSIONS[method], body=body, **kwargs)


class Listing:
    """What one GET tells: whether EventBridge is enabled for the organization, the AWS accounts it lists (every
    integrated one), and every source, each as {aws_account_id, region, name}, in Datadog's order."""

    def __init__(self, is_installed, accounts, sources):
        self.is_installed = is_installed
        self.accounts = accounts
        self.sources = sources

    def of(self, desired):
        """The sources of desired's account and region named after its event generator name."""
        return [source for source in self.sources if matches(source, desired)]

    def matching(self, aws_account_id=None, region=None):
        """The sources of aws_account_id and of region, each when given; every source when neither is."""
        return [source for source in self.sources
                if aws_account_id in (None, source['aws_account_id']) and region in (None, source['region'])]


def read(client):
    """The Listing of every source."""
    payload = call(client, 'GET')
    attributes = v2_attributes(payload) or {}
    accounts = attributes.get('accounts')
    if not isinstance(accounts, list) or not all(_well_shaped(account) for account in accounts):
        raise DatadogAPIError('Datadog answered GET %s without a list of accounts and their event sources in its body: '
                              '%s' % (PATH, client.describe(payload)))
    sources = [dict(aws_account_id=account['account_id'], region=source['region'], name=source['name'])
               for account in accounts for source in account.get('event_hubs') or []]
    return Listing(attributes.get('is_installed') is True, [account['account_id'] for account in accounts], sources)


def _well_shaped(account):
    hubs = account.get('event_hubs') if isinstance(account, dict) else None
    return (isinstance(account, dict) and isinstance(account.get('account_id'), str)
            and (hubs is None or isinstance(hubs, list))
            and all(isinstance(hub, dict) and isinstance(hub.get('name'), str) and isinstance(hub.get('region'), str)
                    for hub in hubs or []))


def matches(source, desired):
    """Whether source is one of desired's: its account and region, named after its generator name (suffix or not)."""
    name, prefix = source['name'], desired.event_generator_name + '-'
    return (source['aws_account_id'] == desired.aws_account_id and source['region'] == desired.region
            and (name == desired.event_generator_name
                 or (name.startswith(prefix) and bool(_SUFFIX.fullmatch(name[len(prefix):])))))


class Desired:
    """What a task asks of one source: its AWS account, region and event generator name; whether Datadog also
    creates the event bus (sent on create only: Datadog does not tell it afterwards)."""

    def __init__(self, aws_account_id, region, event_generator_name, create_event_bus=True):
        for option, value in (('region', region), ('event_generator_name', event_generator_name)):
            if not value or value != value.strip():
                raise InvalidValue('%s must not be empty or have white space around it.' % option)
        self.aws_account_id = aws_account_id
        self.region = region
        self.event_generator_name = event_generator_name
        self.create_event_bus = create_event_bus

    def attributes(self, name=None):
        """The attributes of a create (name None) or of the delete of the source named name."""
        if name is not None:
            return dict(account_id=self.aws_account_id, event_generator_name=name, region=self.region)
        return dict(account_id=self.aws_account_id, event_generator_name=self.event_generator_name,
                    region=self.region, create_event_bus=self.create_event_bus)


def plan_present(held, desired, integrated):
    """The create desired needs, or none when it holds a source (held: its sources); refused when Datadog does not
    integrate the account (integrated false), since Datadog creates sources in the accounts it integrates only."""
    if held:
        return Plan(None, None, None, held)
    if not integrated:
        raise DatadogAPIError('Datadog does not integrate AWS account %s, and creates EventBridge sources only in '
                              'accounts it integrates: integrate it first (ddog.aws.datadog_aws_account). Nothing was '
                              'changed.' % desired.aws_account_id)
    name = '%s-%s' % (desired.event_generator_name, PLACEHOLDER_SUFFIX)
    return Plan('POST', PATH, desired.attributes(),
                [dict(aws_account_id=desired.aws_account_id, region=desired.region, name=name)])


def apply_present(client, listing, desired, warn, check_mode=False):
    """Create the source unless one exists; (changed, the sources of desired after it; in check mode, as they would
    be). A create whose answer is lost is never sent again blindly (_writes.converge): a second create would make a
    second source."""
    integrated = desired.aws_account_id in listing.accounts
    if check_mode:
        plan = plan_present(listing.of(desired), desired, integrated)
        return plan.method is not None, plan.after

    def write(plan):
        payload = call(client, 'POST', body={'data': {'type': RESOURCE_TYPE, 'attributes': plan.body}},
                       if_lost='It is read back to see whether Datadog acted.')
        name = (v2_attributes(payload) or {}).get('event_source_name')
        if not isinstance(name, str):
            raise DatadogAPIError('Datadog answered POST %s without the event source name in its body: %s.'
                                  % (PATH, client.describe(payload)), maybe_applied=True)
        return [dict(aws_account_id=desired.aws_account_id, region=desired.region, name=name)]

    return converge(client, listing.of(desired), lambda held: plan_present(held, desired, integrated), write,
                    lambda plan: read(client).of(desired), warn)


def apply_absent(client, listing, desired, warn, check_mode=False):
    """Delete every source of desired; whether any was deleted (in check mode, would be)."""
    held = listing.of(desired)
    if check_mode:
        return bool(held)
    deleted = False
    for source in held:
        deleted = _delete(client, desired, source['name'], warn) or deleted
    return deleted


def _delete(client, desired, name, warn):
    """Delete the source named name; whether this run deleted it (see _writes.delete_confirmed)."""
    body = {'data': {'type': RESOURCE_TYPE, 'attributes': desired.attributes(name)}}
    return delete_confirmed(lambda: call(client, 'DELETE', body=body, repeatable=True),
                            lambda: any(source['name'] == name for source in read(client).of(desired)),
                            warn, 'the EventBridge source %s' % name)


def outcome(listing, sources):
    """What the modules return of EventBridge: whether it is enabled for the organization, and sources."""
    return dict(is_installed=listing.is_installed, event_sources=sources)


def diff_view(sources):
    """Sources as a diff shows them: in a stable order."""
    return dict(event_sources=sorted(sources, key=lambda source: (source['region'], source['name'])))
