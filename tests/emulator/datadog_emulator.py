# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A Datadog API emulator for the AWS integration endpoints, over HTTPS on loopback.

Test tooling only: it lets the collection's tests and ``make demo`` run real
Ansible against a server that answers like Datadog (status codes, bodies,
media types, rate-limit headers), without network access or real keys.

Served, as Datadog serves them (permission the application key needs in brackets):
  POST   /api/v2/integration/aws/generate_new_external_id      mint an ID (application/vnd.api+json) [edit]
  PUT    /api/v1/integration/aws/generate_new_external_id      rotate an integrated account's ID [edit]
  GET    /api/v2/integration/aws/accounts[?aws_account_id=...] list account configs [read]
  POST   /api/v2/integration/aws/accounts                      create one [manage]
  GET    /api/v2/integration/aws/accounts/{config id}          read one [read]
  PATCH  /api/v2/integration/aws/accounts/{config id}          update one [edit]
  DELETE /api/v2/integration/aws/accounts/{config id}          delete one: 204, then 404 [manage]
  GET    /api/v2/integration/aws/accounts/{config id}/ccm_config  its Cloud Cost Management config [read]
  POST   /api/v2/integration/aws/accounts/{config id}/ccm_config  create it: 200, then 409 [edit]
  PATCH  /api/v2/integration/aws/accounts/{config id}/ccm_config  replace its data export configs [edit]
  DELETE /api/v2/integration/aws/accounts/{config id}/ccm_config  delete it: 204, then 404 [edit]
  POST   /api/v2/integration/aws/validate_ccm_config            check a data export config, persist nothing [ccm]
  GET    /api/v2/integration/aws/event_bridge                   every integrated account and its sources [ir]
  POST   /api/v2/integration/aws/event_bridge                   create a source (name + 8-character suffix) [mi]
  DELETE /api/v2/integration/aws/event_bridge                   delete a source by its full name [mi]
  GET    /api/v2/integration/aws/iam_permissions[/standard|/resource_collection] [read]
  GET    /api/v2/integration/aws/available_namespaces           the recorded catalogue of 114, in its order [read]
  GET    /api/v2/integration/aws/logs/services                  the 13 recorded log services [read]
(read: aws_configuration_read, edit: aws_configuration_edit, manage: aws_configurations_manage, ir:
integrations_read, mi: manage_integrations, ccm: cloud_cost_management_read or cloud_cost_management_write)

Account configs follow the recorded exchanges: a create fills every default
Datadog fills and answers with a fresh UUID (a client's data.id is ignored);
role auth without an external_id gets a fresh one; secret_access_key is kept
but never answered; one config per aws_account_id (409); the partition and the
namespaces (against the catalogue) are checked ("invalid value" 400 with meta);
an external_id must be one the emulator minted (v2 generate, v1 rotation, a
create, a seeded account) under 48 hours ago by its clock, else 400 "invalid
External ID"; one ID may serve several accounts. PATCH needs aws_account_id
and merges what is sent at every level: members left out are kept, a list
sent replaces the stored one whole, the other member of a oneOf switches it
(include_all/include_only, exclude_only/include_only), auth_config without
external_id or secret_access_key keeps the stored one, and role <-> keys is
refused (after the checks of values). Timestamps a request writes print in
nanoseconds, stored ones in microseconds, trailing zeros trimmed. A config ID
that is not a UUID is a 400, also wrapped in double quotes as Terraform sends
it (accepted then), an unknown one a 404.

Lists come back in the order sent, as Datadog kept account tags and tag
filters in every recorded exchange. Terraform's users saw Datadog answer
namespace lists in another order (its issues 2903, 2904, 3887: "inconsistent
result after apply"), so clients must compare lists as sets; the stress mode
(--reorder-lists, or POST /_emulator/reorder) proves they do: namespaces come
back in the order of the available_namespaces catalogue, every other list
(account tags, regions, lambdas, sources, X-Ray services, tags, tag filters,
metric name filters) in descending order of its entries' JSON.

Cloud Cost Management configs, as recorded (2026-02-23, 2026-05-21): one per
account config, created with {"data": {"type": "ccm_config", "attributes":
{"ccm_config": {"data_export_configs": [...]}}}} and answered with the
account's config ID as data.id and the data export configs as attributes,
members in Datadog's order; a second create is the recorded 409 "CCM config
already exists for this account"; PATCH replaces the list whole; DELETE
answers 204; each write moves the account's modified_at; an unknown account
is the recorded 404 "Account not found". The validation answers
{"account_id", "issues": [...]} with data.id the AWS account ID.

EventBridge sources, as recorded (Terraform, 2026-02-02): the create answers
{"event_source_name": <event_generator_name>-<8 lowercase letters or digits>,
"has_bus", "region", "status": "created"} with data.id "create_event_bridge";
the listing has data.id "get_event_bridge", every integrated AWS account once,
in the order integrated, with its account tags and its sources ("event_hubs":
name and region) in creation order, and "is_installed": true; the delete takes
the full source name as event_generator_name and answers {"status": "empty"}
with data.id "delete_event_bridge".

Control endpoints for tests (no keys needed, never journaled):
  GET  /_emulator/journal            every API request: method, path, query, headers (keys masked), body
                                     (secret_access_key values masked)
  GET  /_emulator/state              accounts, minted IDs (source, external_id, minted_at), rotations, rate limit,
                                     pending faults, clock, EventBridge sources, CCM configs by config ID
  POST /_emulator/reset              back to the start-up state (start-up accounts get fresh IDs, the clock is
                                     the wall clock again)
  POST /_emulator/accounts           add an integration: {"aws_account_id", "role_name"} or {"access_key_id"};
                                     its external ID counts as minted (source "seed")
  POST /_emulator/clock              {"advance": 172800}: move the emulator's clock (journal times, minted_at)
  POST /_emulator/permissions        {"permissions": ["aws_configuration_read"]}: what the application key may do
                                     (null, the default: everything); a route needing another gets 403
  POST /_emulator/faults             queue answers for the next API requests, one each:
                                     {"faults": [{"status": 429, "reset": 1}, {"status": 502, "html": true},
                                                 {"delay": 2.5}, {"drop": true}, {"status": 400, "body": {...}},
                                                 {"lose_answer": true}]}
                                     drop: hang up before acting; lose_answer: act, then hang up; act with a
                                     status: act, then answer with that status and body instead
  POST /_emulator/conflicts          {"hold": 0.2}: every write takes that long, and a write that arrives while
                                     another is under way is not acted on and gets Datadog's 500 "Could not update
                                     AWS Integration due to conflicting updates" (as its v1 API answered concurrent
                                     writes; Terraform serializes its calls for it); {"hold": null} turns it off
  POST /_emulator/rate_limit         {"limit": 20, "period": 5} (or {"limit": null} to lift it)
  POST /_emulator/reorder            {"enabled": true}: the stress mode of list order (see above); reset goes back
                                     to the start-up setting (--reorder-lists)
  POST /_emulator/ccm_validation     {"bucket_name": "billing", "issues": [{"code": "EXPORT_NOT_FOUND",
                                     "description": "..."}]}: what the CCM validation finds for that bucket

Command line:
  python datadog_emulator.py start --state-dir DIR [options]   start in the background, print its settings
  python datadog_emulator.py stop --state-dir DIR
  python datadog_emulator.py journal --state-dir DIR [--summary] print the journal of the running emulator
  python datadog_emulator.py control NAME --state-dir DIR [--body JSON]
                                                               call a control endpoint (POST with --body)
  python datadog_emulator.py setting KEY --state-dir DIR       print one setting (emulator_url ...)
  python datadog_emulator.py env --state-dir DIR               print the export line that points the collection at
                                                               it: DD_API_KEY, DD_APP_KEY, DD_HOST, REQUESTS_CA_BUNDLE
                                                               (eval "$(... env --state-dir DIR)")
  python datadog_emulator.py serve --state-dir DIR [options]   run in the foreground
The settings (URL, CA file, keys) are written to DIR/emulator.json.

A request meets, in order: scripted faults; the keys (wrong ones get the recorded
haproxy 403, which carries no rate-limit headers and is not counted); the route
(404, or 405 with an Allow header); the rate limit; the application key's
permissions (a missing one gets 403 {"errors": ["Forbidden"]}, Datadog's v2
string shape); the endpoint.

Where Datadog's behaviour was not recorded, the emulator makes a documented
choice: v1 for an account that is not integrated answers 400, the unfiltered
iam_permissions list is the union of the two recorded lists, a wrong method
gets 405 {"errors": ["Method Not Allowed"]}, and a path with no route is
neither counted against the rate limit nor given its headers. For account
configs: a body that is not the JSON:API envelope, a data.type other than
"account", a required member missing or a value of the wrong type gets 400
{"errors": [{"status": "400", "title": "Bad Request", "detail": <the
emulator's words>}]}, and so do what the spec forbids: a role_name that is
empty or longer than 576 characters, an empty secret_access_key; members it
does not know are dropped; metric_name_filters (each entry a namespace and
exactly one of include_only or exclude_only) is kept once sent and answered
after namespace_filters, never filled in on create (no recording shows it);
its namespaces and those of tag filters are not checked against the
catalogue, nor are sources against the log services (Datadog took
"cloudtrail", which the 10 services the API clients recorded in 2024-11 lack);
null for a list means an empty list; several value errors share one meta;
unknown namespaces are listed in the order sent, as Go prints a list ([a b]);
values are checked before the external ID, and both before uniqueness; PATCH
may change aws_account_id (409 if taken) and aws_partition; v1 rotation
updates modified_at; deleting an account config deletes its CCM config, and
its EventBridge sources once no config names its AWS account. For CCM configs:
GET, PATCH and DELETE where the account holds none get the recorded 404
"Account not found" (Datadog answered exactly that to a DELETE in Terraform's
recording, though the config had just been read: script it with a fault to
test a client against it); a report_type other than "CUR2.0" or a
bucket_region that is not shaped as an AWS region gets the 400 "invalid value"
with a meta keyed ccm_config.data_export_configs[<report type>].<member>, as
recorded for the bucket region (2025-12-10); the validation finds no issue
unless a test scripted some for the bucket (POST /_emulator/ccm_validation).
For EventBridge: data.type must be "event_bridge"; an AWS account that is not
integrated, a region not shaped as an AWS region, or a delete of a source that
does not exist gets a 400; a create whose event_generator_name already names a
source of that account and region gets 409 {"errors": [{"status": "409",
"title": "Conflict", ...}]}; create_event_bus left out means false. The
/_emulator/accounts control checks nothing, so tests can seed what the API
would refuse (a second config of an aws_account_id in another partition, for
one).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import collections
import gzip
import json
import math
import os
import random
import re
import shlex
import signal
import socket
import ssl
import string
import subprocess
import sys
import threading
import time
import uuid

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, 'fixtures')

DEFAULT_API_KEY = 'emulator-api-key-00000000000000000'
DEFAULT_APP_KEY = 'emulator-app-key-0000000000000000000000'
KEY_HEADERS = ('DD-API-KEY', 'DD-APPLICATION-KEY')
MASK = '********'
# The value of every "secret_access_key" member of a JSON text, whatever the spacing around its colon.
SECRET_MEMBER = re.compile(r'("secret_access_key"\s*:\s*")(?:[^"\\]|\\.)*(")')
JSON_API = 'application/vnd.api+json'
PLAIN_JSON = 'application/json'
RATE_LIMIT_NAME = 'aws_integration'
# Application-key permissions, as Datadog's spec names them for the account endpoints (x-permission) and its docs
# for the generate endpoints; every read here needs READ.
READ = 'aws_configuration_read'
EDIT = 'aws_configuration_edit'
MANAGE = 'aws_configurations_manage'
# EventBridge sources need the integration-wide permissions (x-permission of the v2 spec), the CCM validation either
# Cloud Cost Management permission (Datadog's API reference).
INTEGRATIONS_READ = 'integrations_read'
MANAGE_INTEGRATIONS = 'manage_integrations'
CCM_READ_OR_WRITE = ('cloud_cost_management_read', 'cloud_cost_management_write')
# Datadog's v1 answers in these, with 'X-Ratelimit-*' capitalisation; its v2 answers in lowercase.
V1_HEADERS = {'Cache-Control': 'no-cache', 'Pragma': 'no-cache', 'X-Content-Type-Options': 'nosniff',
              'X-Frame-Options': 'SAMEORIGIN', 'Strict-Transport-Security': 'max-age=15724800;'}
FORBIDDEN_BODY = {'status': 'error', 'code': 403, 'errors': ['Forbidden'],
                  'statuspage': 'http://status.datadoghq.com', 'twitter': 'http://twitter.com/datadogops',
                  'email': 'support@datadoghq.com'}
PARTITIONS = ('aws', 'aws-cn', 'aws-us-gov')
EXTERNAL_ID_LIFETIME = 48 * 3600
# What Datadog fills in where a create leaves a setting out, members in the order its answers list them; the values
# also give each member's type. auth_config, aws_account_id and aws_partition are required and have no default.
ACCOUNT_DEFAULTS = {
    'account_tags': [],
    'aws_regions': {'include_all': True},
    'logs_config': {'lambda_forwarder': {'lambdas': [], 'sources': [], 'log_source_config': {'tag_filters': []}}},
    'metrics_config': {'enabled': True, 'automute_enabled': True, 'collect_custom_metrics': False,
                       'collect_cloudwatch_alarms': False, 'tag_filters': [],
                       'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/ElasticMapReduce', 'AWS/Usage']}},
    'resources_config': {'cloud_security_posture_management_collection': False, 'extended_collection': True},
    'traces_config': {'xray_services': {'include_only': []}},
}
NAMESPACE_FILTERS = 'metrics_config.namespace_filters'
METRIC_NAME_FILTERS = 'metrics_config.metric_name_filters'
# Members a request may set that Datadog does not fill in on create: answered only once set (none recorded).
OPTIONAL_MEMBERS = {METRIC_NAME_FILTERS: []}
# AWSAuthConfigRole.role_name and AWSAuthConfigKeys.secret_access_key, as the spec bounds them.
ROLE_NAME_LENGTH = (1, 576)
# Objects holding exactly one of their members (oneOf): sending the other member switches them.
ONE_OF = {'aws_regions': ('include_all', 'include_only'),
          NAMESPACE_FILTERS: ('exclude_only', 'include_only'),
          'traces_config.xray_services': ('include_all', 'include_only')}
# Each oneOf member's type, by example.
ONE_OF_TYPES = {'include_all': True, 'include_only': [], 'exclude_only': []}
# Lists of {<name>, "tags"} objects, by the name their entries are filed under.
TAG_FILTERS = {'metrics_config.tag_filters': 'namespace',
               'logs_config.lambda_forwarder.log_source_config.tag_filters': 'source'}
# An AWS region's name, as every partition's regions are named (us-east-1, eu-central-2, us-gov-west-1, cn-north-1).
AWS_REGION = re.compile('[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}')
EVENT_SOURCE_SUFFIX = re.compile('[a-z0-9]{8}')
# The members of a CCM data export config, in the order Datadog answers them (recorded 2026-02-23).
CCM_EXPORT_MEMBERS = ('report_name', 'report_prefix', 'report_type', 'bucket_name', 'bucket_region')
CONFIG_ID = re.compile('[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')
# Recorded error bodies, verbatim.
ACCOUNT_EXISTS = {'errors': [{'status': '409', 'title': 'Account already exists',
                              'detail': 'AWS account with provided id already exists'}]}
# What Datadog answered writes to the AWS integration that overlapped (terraform-provider-datadog issue 2066).
CONFLICTING_UPDATES = {'errors': ['Could not update AWS Integration due to conflicting updates']}
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
AUTH_SWITCH = {'errors': [{'title': 'Generic Error', 'detail': 'cannot switch between role and key based auth'}]}
HTML_PAGES = {
    status: '<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n'
            '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' % (status, reason, status, reason)
    for status, reason in ((502, 'Bad Gateway'), (503, 'Service Temporarily Unavailable'),
                           (504, 'Gateway Time-out'), (500, 'Internal Server Error'))
}


def _load_fixture(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return json.load(handle)


def new_external_id():
    """32 lowercase hex characters, as every ID Datadog has been recorded returning."""
    return uuid.uuid4().hex


def journaled_body(body):
    """A request body as the journal keeps it: verbatim, but for the value of any secret_access_key."""
    return SECRET_MEMBER.sub(r'\g<1>' + MASK + r'\g<2>', body.decode('utf-8', 'replace'))


def timestamp(nanoseconds, digits):
    """UTC, RFC 3339 with at most `digits` decimals and trailing zeros trimmed, as Datadog (in Go) prints times."""
    seconds, fraction = divmod(nanoseconds, 10 ** 9)
    decimals = ('%09d' % fraction)[:digits].rstrip('0')
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(seconds)) + ('.' + decimals if decimals else '') + 'Z'


class Refusal(Exception):
    """An answer that ends a request early: raised where a check fails, answered by DatadogAPI.handle."""

    def __init__(self, answer):
        Exception.__init__(self, answer.status)
        self.answer = answer


def bad_request(detail):
    return Refusal(json_api_error(400, 'Bad Request', detail))


def joined(path, name):
    return path + '.' + name if path else name


def merged(stored, sent, path=''):
    """`stored` with `sent` merged in, as Datadog merges a PATCH: a member sent replaces the stored one at every
    level, a member left out is kept, a list is replaced whole, and the other member of a oneOf switches it.
    Members the emulator does not know are dropped; a value of the wrong type is refused."""
    if not isinstance(sent, dict):
        raise bad_request('%s must be an object' % path)
    if path in ONE_OF:
        members = [name for name in ONE_OF[path] if name in sent]
        if len(members) != 1:
            raise bad_request('%s must have one of %s' % (path, ', '.join(ONE_OF[path])))
        return {members[0]: checked(ONE_OF_TYPES[members[0]], sent[members[0]], joined(path, members[0]))}
    result = dict(stored)
    for name, value in sent.items():
        member = joined(path, name)
        if name in stored:
            result[name] = checked(stored[name], value, member)
        elif member in OPTIONAL_MEMBERS:
            result[name] = checked(OPTIONAL_MEMBERS[member], value, member)
    return result


def checked(current, value, path):
    """`value`, to take the place of `current` if it has the same type; a null list is an empty one."""
    if isinstance(current, dict):
        return merged(current, value, path)
    if isinstance(current, list):
        value = [] if value is None else value
        if not isinstance(value, list):
            raise bad_request('%s must be a list' % path)
        if path in TAG_FILTERS:
            return [tag_filter(entry, TAG_FILTERS[path], path) for entry in value]
        if path == METRIC_NAME_FILTERS:
            return [metric_name_filter(entry, path) for entry in value]
        if not all(isinstance(entry, str) for entry in value):
            raise bad_request('%s must be a list of strings' % path)
        return list(value)
    if not isinstance(value, bool):
        raise bad_request('%s must be true or false' % path)
    return value


def tag_filter(entry, name, path):
    """One {namespace or source, tags} entry, its members in the recorded order."""
    if not isinstance(entry, dict) or not isinstance(entry.get(name), str):
        raise bad_request('%s entries must have a string %s' % (path, name))
    return {name: entry[name], 'tags': checked([], entry.get('tags'), joined(path, 'tags'))}


def metric_name_filter(entry, path):
    """One {namespace, include_only or exclude_only} entry: exactly one of the two, as the spec's oneOf says."""
    if not isinstance(entry, dict) or not isinstance(entry.get('namespace'), str):
        raise bad_request('%s entries must have a string namespace' % path)
    members = [name for name in ('include_only', 'exclude_only') if name in entry]
    if len(members) != 1:
        raise bad_request('%s entries must have one of include_only, exclude_only' % path)
    return {'namespace': entry['namespace'],
            members[0]: checked([], entry[members[0]], joined(path, members[0]))}


def identity(attributes):
    """The members that name the AWS account, as far as they were sent."""
    sent = {name: attributes[name] for name in ('aws_account_id', 'aws_partition') if name in attributes}
    if not all(isinstance(value, str) for value in sent.values()):
        raise bad_request('aws_account_id and aws_partition must be strings')
    return sent


def auth_config(sent):
    """(auth_config to store, secret_access_key or None): role or keys, as the members present say."""
    if not isinstance(sent, dict):
        raise bad_request('auth_config must be an object')
    kinds = [name for name in ('role_name', 'access_key_id') if name in sent]
    if len(kinds) != 1:
        raise bad_request('auth_config must have one of role_name, access_key_id')
    members = ('role_name', 'external_id') if kinds == ['role_name'] else ('access_key_id', 'secret_access_key')
    auth = {name: sent[name] for name in members if name in sent}
    if not all(isinstance(value, str) for value in auth.values()):
        raise bad_request('auth_config members must be strings')
    if 'role_name' in auth and not ROLE_NAME_LENGTH[0] <= len(auth['role_name']) <= ROLE_NAME_LENGTH[1]:
        raise bad_request('auth_config.role_name must be %d to %d characters long' % ROLE_NAME_LENGTH)
    if auth.get('secret_access_key') == '':
        raise bad_request('auth_config.secret_access_key must not be empty')
    return auth, auth.pop('secret_access_key', None)


def field_errors(attributes, namespace_rank):
    """Datadog's checks of values, as the meta of its 400 "invalid value" answer: {member path: message}."""
    errors = {}
    if attributes['aws_partition'] not in PARTITIONS:
        errors['aws_partition'] = 'invalid partition: %s' % attributes['aws_partition']
    for member, namespaces in attributes['metrics_config']['namespace_filters'].items():
        unknown = [namespace for namespace in namespaces if namespace not in namespace_rank]
        if unknown:
            # Go prints a list of strings as [a b].
            errors[joined(NAMESPACE_FILTERS, member)] = 'invalid namespaces: [%s]' % ' '.join(unknown)
    return errors


def in_api_order(value, namespace_rank, path=''):
    """`value` with every list reordered as the stress mode answers (see the module docstring)."""
    if isinstance(value, dict):
        return {name: in_api_order(member, namespace_rank, joined(path, name)) for name, member in value.items()}
    if not isinstance(value, list):
        return value
    entries = [in_api_order(entry, namespace_rank, path) for entry in value]
    if path.startswith(NAMESPACE_FILTERS + '.'):
        return sorted(entries, key=lambda namespace: namespace_rank.get(namespace, len(namespace_rank)))
    return sorted(entries, key=lambda entry: json.dumps(entry, sort_keys=True), reverse=True)


def rendered(account, written=()):
    """The account as Datadog answers with it: the timestamps named in `written` (this request wrote them) in
    nanoseconds, the others in microseconds, attributes in alphabetical order as recorded. A copy, safe to serialise
    outside the lock."""
    attributes = dict(account['attributes'])
    for name in ('created_at', 'modified_at'):
        attributes[name] = timestamp(account[name], 9 if name in written else 6)
    return json.loads(json.dumps({'id': account['id'], 'type': 'account',
                                  'attributes': dict(sorted(attributes.items()))}))


def account_config_id(raw):
    """The config UUID of a path, also when wrapped in double quotes as Terraform sends it; lowercase."""
    value = unquote(raw)
    if len(value) > 1 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    if not CONFIG_ID.fullmatch(value):
        raise Refusal(json_api_error(400, 'Invalid Parameter',
                                     'invalid parameter "aws_account_config_id" in "path"; expected type "uuid"'))
    return value.lower()


def request_attributes(body, resource_type):
    """data.attributes of a JSON:API request whose data.type must be resource_type; data.id is not looked at."""
    try:
        document = json.loads(body.decode('utf-8'))
    except ValueError:
        raise bad_request('the body must be JSON')
    data = document.get('data') if isinstance(document, dict) else None
    attributes = data.get('attributes') if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        raise bad_request('the body must be {"data": {"type": "%s", "attributes": {...}}}' % resource_type)
    if data.get('type') != resource_type:
        raise bad_request('data.type must be "%s"' % resource_type)
    return attributes


def event_source_suffix():
    """What Datadog appends to an event generator name: a dash and 8 lowercase letters and digits, as recorded."""
    return ''.join(random.choice(string.ascii_lowercase + string.digits) for _count in range(8))


def event_source_attributes(body, required):
    attributes = request_attributes(body, 'event_bridge')
    for name in required:
        if not isinstance(attributes.get(name), str) or not attributes[name]:
            raise bad_request('%s is required and must be a non-empty string' % name)
    if not AWS_REGION.fullmatch(attributes['region']):
        raise bad_request('invalid region: %s' % attributes['region'])
    return attributes


def ccm_exports(body):
    """The data export configs of a CCM create or update, as stored; Datadog's 400s for what it refuses."""
    attributes = request_attributes(body, 'ccm_config')
    config = attributes.get('ccm_config')
    exports = config.get('data_export_configs') if isinstance(config, dict) else None
    if not isinstance(exports, list):
        raise bad_request('ccm_config.data_export_configs is required and must be a list')
    stored, errors = [], {}
    for export in exports:
        if not isinstance(export, dict) or not all(isinstance(export.get(name), str) for name in CCM_EXPORT_MEMBERS):
            raise bad_request('ccm_config.data_export_configs entries must have the strings %s'
                              % ', '.join(CCM_EXPORT_MEMBERS))
        where = 'ccm_config.data_export_configs[%s]' % export['report_type']
        if export['report_type'] != 'CUR2.0':
            errors[where + '.report_type'] = 'invalid report type: %s' % export['report_type']
        if not AWS_REGION.fullmatch(export['bucket_region']):
            errors[where + '.bucket_region'] = 'invalid bucket region: %s' % export['bucket_region']
        stored.append({name: export[name] for name in CCM_EXPORT_MEMBERS})
    if errors:
        raise Refusal(Answer(400, {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid value',
                                               'meta': errors}]}))
    return stored


def ccm_config_body(account):
    return {'data': {'id': account['id'], 'type': 'ccm_config',
                     'attributes': {'data_export_configs': [dict(export) for export in account['ccm_config']]}}}


class RateLimiter:
    """Fixed windows of `period` seconds allowing `limit` calls each, like Datadog's named limits."""

    def __init__(self, limit=None, period=60, clock=time.monotonic):
        self.limit = limit
        self.period = period
        self.clock = clock
        self.window_start = None
        self.used = 0

    def take(self):
        """Count one call; return (allowed, headers)."""
        now = self.clock()
        if self.window_start is None or now - self.window_start >= self.period:
            self.window_start = now
            self.used = 0
        reset = max(1, int(math.ceil(self.window_start + self.period - now)))
        limit = self.limit if self.limit is not None else 12000
        allowed = self.limit is None or self.used < self.limit
        if allowed:
            self.used += 1
        headers = {
            'X-RateLimit-Limit': str(limit),
            'X-RateLimit-Period': str(self.period),
            'X-RateLimit-Remaining': str(max(0, limit - self.used)),
            'X-RateLimit-Reset': str(reset),
            'X-RateLimit-Name': RATE_LIMIT_NAME,
        }
        return allowed, headers


class EmulatorState:
    """Everything the emulator knows, behind one lock: accounts, journal, faults, rate limit."""

    def __init__(self, api_key=DEFAULT_API_KEY, app_key=DEFAULT_APP_KEY, rate_limit=None, rate_period=60,
                 accounts=(), reorder_lists=False):
        self.lock = threading.RLock()
        self.api_key = api_key
        self.app_key = app_key
        self.initial_rate = (rate_limit, rate_period)
        self.initial_accounts = list(accounts)
        self.initial_reorder = reorder_lists
        self.account_template = _load_fixture('account_attributes.json')
        self.permissions = _load_fixture('iam_permissions.json')
        # Recorded answers, verbatim: the namespace catalogue (in its own order) of 2025-08-06, and the log services
        # of 2024-12-09 (Terraform's recording, the newest; the API clients' of 2024-11 list 10 of these 13).
        self.namespaces_body = _load_fixture('available_namespaces.json')
        self.logs_services_body = _load_fixture('logs_services.json')
        namespaces = self.namespaces_body['data']['attributes']['namespaces']
        self.namespace_rank = {namespace: rank for rank, namespace in enumerate(namespaces)}
        self.reset()

    def reset(self):
        """Back to the start-up state: the accounts it was started with (with fresh IDs), nothing else."""
        with self.lock:
            self.accounts = []
            self.journal = []
            self.faults = []
            self.minted = []
            self.rotations = []
            self.limiter = RateLimiter(*self.initial_rate)
            self.clock_offset_ns = 0
            self.granted = None
            self.conflict_hold = None
            self.writing = 0
            self.conflicts = 0
            self.reorder_lists = self.initial_reorder
            self.event_sources = []
            self.ccm_issues = {}
        for account in self.initial_accounts:
            self.add_account(**account)

    def keys_accepted(self, headers):
        return headers.get('DD-API-KEY') == self.api_key and headers.get('DD-APPLICATION-KEY') == self.app_key

    def now_ns(self):
        """The emulator's clock: the wall clock plus what tests advanced it by, so IDs can age without waiting."""
        return time.time_ns() + self.clock_offset_ns

    def now(self):
        return self.now_ns() / 1e9

    def mint(self, source, external_id=None):
        """Record an external ID the emulator made (or was seeded with), and when; return it."""
        external_id = external_id or new_external_id()
        with self.lock:
            self.minted.append({'source': source, 'external_id': external_id, 'minted_at': self.now()})
        return external_id

    def external_id_usable(self, external_id):
        """Datadog takes an external ID it minted less than 48 hours ago, for as many accounts as asked."""
        now = self.now()
        with self.lock:
            return any(entry['external_id'] == external_id and now - entry['minted_at'] < EXTERNAL_ID_LIFETIME
                       for entry in self.minted)

    def ordered(self, attributes):
        """Attributes as stored: lists in the order sent, or reordered in the stress mode."""
        return in_api_order(attributes, self.namespace_rank) if self.reorder_lists else attributes

    def store_account(self, attributes, secret_access_key=None):
        """A new account config; the secret is kept apart, never answered; no CCM config yet."""
        now = self.now_ns()
        account = {'id': str(uuid.uuid4()), 'attributes': self.ordered(attributes),
                   'secret_access_key': secret_access_key, 'created_at': now, 'modified_at': now, 'ccm_config': None}
        with self.lock:
            self.accounts.append(account)
        return account

    def add_account(self, aws_account_id, role_name=None, access_key_id=None, aws_partition='aws', external_id=None):
        """Seed an integration with the recorded account's settings; no check, so tests can set up any state."""
        if access_key_id:
            auth = {'access_key_id': access_key_id}
        else:
            auth = {'role_name': role_name or 'DatadogIntegrationRole', 'external_id': self.mint('seed', external_id)}
        attributes = dict(merged(ACCOUNT_DEFAULTS, self.account_template), auth_config=auth,
                          aws_account_id=aws_account_id, aws_partition=aws_partition)
        with self.lock:
            return rendered(self.store_account(attributes))

    def snapshot(self):
        with self.lock:
            return {
                'accounts': [rendered(account) for account in self.accounts],
                'minted': list(self.minted),
                'rotations': list(self.rotations),
                'pending_faults': len(self.faults),
                'rate_limit': {'limit': self.limiter.limit, 'period': self.limiter.period},
                'requests': len(self.journal),
                'clock': {'now': self.now(), 'advanced_by': self.clock_offset_ns / 1e9},
                'permissions': self.granted,
                'conflicts': {'hold': self.conflict_hold, 'answered': self.conflicts},
                'reorder_lists': self.reorder_lists,
                'event_sources': [dict(source) for source in self.event_sources],
                'ccm_configs': {account['id']: account['ccm_config'] for account in self.accounts
                                if account['ccm_config'] is not None},
                'ccm_issues': dict(self.ccm_issues),
            }


Route = collections.namedtuple('Route', 'method pattern permission endpoint')


class Answer:
    def __init__(self, status, body=None, content_type=JSON_API, headers=None):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})

    def payload(self):
        if self.body is None:
            return b''
        if isinstance(self.body, (bytes, bytearray)):
            return bytes(self.body)
        if isinstance(self.body, str):
            return self.body.encode('utf-8')
        return json.dumps(self.body, separators=(',', ':')).encode('utf-8')


def json_api_error(status, title, detail):
    return Answer(status, {'errors': [{'status': str(status), 'title': title, 'detail': detail}]})


class DatadogAPI:
    """The Datadog endpoints: request in, Answer out. No sockets here, so it is easy to test."""

    def __init__(self, state):
        self.state = state

    def handle(self, method, path, query, headers, body):
        """Datadog's order: keys at the edge, then routing, the rate limit, the key's permissions, the endpoint."""
        state = self.state
        if not state.keys_accepted(headers):
            # As recorded: haproxy answers before the API counts the call, so no rate-limit headers.
            return Answer(403, FORBIDDEN_BODY, PLAIN_JSON, {'Via': 'haproxy', 'Cache-Control': 'no-cache'})
        routes = {}
        for route in self.ROUTES:
            match = route.pattern.fullmatch(path)
            if match:
                routes[route.method] = (route, match.groups())
        if not routes:
            return json_api_error(404, 'Not Found', 'no route for %s %s' % (method, path))
        if method not in routes:
            # Not recorded for Datadog: the HTTP answer, with the Allow header HTTP requires.
            return Answer(405, {'errors': ['Method Not Allowed']}, PLAIN_JSON, {'Allow': ', '.join(routes)})
        route, params = routes[method]
        with state.lock:
            allowed, rate_headers = state.limiter.take()
        if not allowed:
            answer = Answer(429, {'errors': ['Too many requests']}, PLAIN_JSON)
        elif state.granted is not None and not set(route.permission).intersection(state.granted):
            answer = Answer(403, {'errors': ['Forbidden']}, PLAIN_JSON)
        else:
            try:
                answer = route.endpoint(self, query, body, *params)
            except Refusal as refusal:
                answer = refusal.answer
        if path.startswith('/api/v1/'):
            answer.headers.update({name.replace('RateLimit', 'Ratelimit'): value for name, value in rate_headers.items()})
        else:
            answer.headers.update({name.lower(): value for name, value in rate_headers.items()})
        return answer

    def generate_v2(self, _query, _body):
        external_id = self.state.mint('v2')
        # Key order as recorded: id, type, attributes.
        return Answer(200, {'data': {'id': external_id, 'type': 'external_id',
                                     'attributes': {'external_id': external_id}}})

    def generate_v1(self, _query, body):
        try:
            fields = json.loads(body.decode('utf-8')) if body else {}
        except ValueError:
            return Answer(400, {'errors': ['Invalid JSON body']}, PLAIN_JSON, V1_HEADERS)
        if not isinstance(fields, dict):
            fields = {}
        for required in ('account_id', 'role_name'):
            if not fields.get(required):
                return Answer(400, {'errors': ["Required parameter '%s' is missing" % required]}, PLAIN_JSON,
                              V1_HEADERS)
        with self.state.lock:
            account = next((item for item in self.state.accounts
                            if item['attributes']['aws_account_id'] == fields['account_id']
                            and item['attributes']['auth_config'].get('role_name') == fields['role_name']), None)
            if account is None:
                return Answer(400, {'errors': ['AWS account %s with role %s is not integrated'
                                               % (fields['account_id'], fields['role_name'])]}, PLAIN_JSON, V1_HEADERS)
            external_id = self.state.mint('v1')
            auth = account['attributes']['auth_config']
            self.state.rotations.append({'aws_account_id': fields['account_id'], 'role_name': fields['role_name'],
                                         'previous': auth['external_id'], 'external_id': external_id})
            auth['external_id'] = external_id
            account['modified_at'] = self.state.now_ns()
        return Answer(200, {'external_id': external_id}, PLAIN_JSON, V1_HEADERS)

    def list_accounts(self, query, _body):
        wanted = query.get('aws_account_id', [None])[0]
        with self.state.lock:
            return Answer(200, {'data': [rendered(account) for account in self.state.accounts
                                         if wanted is None or account['attributes']['aws_account_id'] == wanted]})

    def create_account(self, _query, body):
        attributes = request_attributes(body, 'account')
        for required in ('aws_account_id', 'aws_partition', 'auth_config'):
            if required not in attributes:
                raise bad_request('%s is required' % required)
        auth, secret = auth_config(attributes['auth_config'])
        account = dict(merged(ACCOUNT_DEFAULTS, attributes), auth_config=auth, **identity(attributes))
        self._check_values(account)
        with self.state.lock:
            if 'external_id' in auth:
                self._check_external_id(auth['external_id'])
            self._check_unique(account['aws_account_id'])
            if 'role_name' in auth and 'external_id' not in auth:
                auth['external_id'] = self.state.mint('account')
            stored = self.state.store_account(account, secret)
            return Answer(200, {'data': rendered(stored, ('created_at', 'modified_at'))})

    def get_account(self, _query, _body, raw_id):
        config_id = account_config_id(raw_id)
        with self.state.lock:
            return Answer(200, {'data': rendered(self._account(config_id))})

    def update_account(self, _query, body, raw_id):
        config_id = account_config_id(raw_id)
        attributes = request_attributes(body, 'account')
        if 'aws_account_id' not in attributes:
            raise bad_request('aws_account_id is required')
        sent_auth, sent_secret = auth_config(attributes['auth_config']) if 'auth_config' in attributes else ({}, None)
        with self.state.lock:
            account = self._account(config_id)
            stored = account['attributes']
            updated = dict(stored, **merged({name: stored[name] for name in ACCOUNT_DEFAULTS}, attributes))
            updated.update(identity(attributes))
            self._check_values(updated)
            if sent_auth:
                stored_auth = stored['auth_config']
                if ('role_name' in sent_auth) != ('role_name' in stored_auth):
                    return Answer(400, AUTH_SWITCH)
                if 'external_id' in sent_auth and sent_auth['external_id'] != stored_auth['external_id']:
                    self._check_external_id(sent_auth['external_id'])
                updated['auth_config'] = dict(stored_auth, **sent_auth)
            if updated['aws_account_id'] != stored['aws_account_id']:
                self._check_unique(updated['aws_account_id'])
            account.update(attributes=self.state.ordered(updated),
                           secret_access_key=sent_secret or account['secret_access_key'],
                           modified_at=self.state.now_ns())
            return Answer(200, {'data': rendered(account, ('modified_at',))})

    def delete_account(self, _query, _body, raw_id):
        config_id = account_config_id(raw_id)
        with self.state.lock:
            account = self._account(config_id)
            self.state.accounts.remove(account)
            # Its CCM config goes with it; so do its EventBridge sources once no config names the AWS account.
            aws_account_id = account['attributes']['aws_account_id']
            if not self._integrated(aws_account_id):
                self.state.event_sources = [source for source in self.state.event_sources
                                            if source['account_id'] != aws_account_id]
        return Answer(204)

    def _integrated(self, aws_account_id):
        return any(account['attributes']['aws_account_id'] == aws_account_id for account in self.state.accounts)

    def _account(self, config_id):
        account = next((account for account in self.state.accounts if account['id'] == config_id), None)
        if account is None:
            raise Refusal(json_api_error(404, 'Account not found', 'AWS account with provided id is not integrated'))
        return account

    def _check_values(self, attributes):
        errors = field_errors(attributes, self.state.namespace_rank)
        if errors:
            raise Refusal(Answer(400, {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid value',
                                                   'meta': errors}]}))

    def _check_external_id(self, external_id):
        if not self.state.external_id_usable(external_id):
            raise bad_request('invalid External ID')

    def _check_unique(self, aws_account_id):
        if any(account['attributes']['aws_account_id'] == aws_account_id for account in self.state.accounts):
            raise Refusal(Answer(409, ACCOUNT_EXISTS))

    def _permissions(self, names):
        listed = sorted(set(permission for name in names for permission in self.state.permissions[name]))
        return Answer(200, {'data': {'id': 'permissions', 'type': 'permissions',
                                     'attributes': {'permissions': listed}}})

    # --- EventBridge sources ------------------------------------------------------------------------------------

    def list_event_sources(self, _query, _body):
        """Every integrated AWS account, in the order integrated, with its tags and its sources in creation order."""
        with self.state.lock:
            listed = []
            for account in self.state.accounts:
                aws_account_id = account['attributes']['aws_account_id']
                if aws_account_id in [entry['account_id'] for entry in listed]:
                    continue
                listed.append({'account_id': aws_account_id, 'tags': list(account['attributes']['account_tags']),
                               'event_hubs': [{'name': source['name'], 'region': source['region']}
                                              for source in self.state.event_sources
                                              if source['account_id'] == aws_account_id]})
        return Answer(200, {'data': {'id': 'get_event_bridge', 'type': 'event_bridge',
                                     'attributes': {'accounts': listed, 'is_installed': True}}})

    def create_event_source(self, _query, body):
        attributes = event_source_attributes(body, ('account_id', 'event_generator_name', 'region'))
        create_bus = attributes.get('create_event_bus', False)
        if not isinstance(create_bus, bool):
            raise bad_request('create_event_bus must be true or false')
        with self.state.lock:
            self._event_source_account(attributes['account_id'])
            prefix = attributes['event_generator_name'] + '-'
            if any(source['account_id'] == attributes['account_id'] and source['region'] == attributes['region']
                   and source['name'].startswith(prefix) and EVENT_SOURCE_SUFFIX.fullmatch(source['name'][len(prefix):])
                   for source in self.state.event_sources):
                raise Refusal(json_api_error(409, 'Conflict', 'an event source named %s already exists in %s'
                                             % (attributes['event_generator_name'], attributes['region'])))
            name = prefix + event_source_suffix()
            self.state.event_sources.append({'account_id': attributes['account_id'], 'region': attributes['region'],
                                             'name': name, 'has_bus': create_bus})
        # Key order as recorded (Terraform's cassette of 2026-02-02).
        return Answer(200, {'data': {'id': 'create_event_bridge', 'type': 'event_bridge', 'attributes': {
            'event_source_name': name, 'has_bus': create_bus, 'region': attributes['region'], 'status': 'created'}}})

    def delete_event_source(self, _query, body):
        attributes = event_source_attributes(body, ('account_id', 'event_generator_name', 'region'))
        with self.state.lock:
            self._event_source_account(attributes['account_id'])
            source = next((source for source in self.state.event_sources
                           if source['account_id'] == attributes['account_id']
                           and source['region'] == attributes['region']
                           and source['name'] == attributes['event_generator_name']), None)
            if source is None:
                raise bad_request('no event source %s in %s for AWS account %s' % (
                    attributes['event_generator_name'], attributes['region'], attributes['account_id']))
            self.state.event_sources.remove(source)
        return Answer(200, {'data': {'id': 'delete_event_bridge', 'type': 'event_bridge',
                                     'attributes': {'status': 'empty'}}})

    def _event_source_account(self, aws_account_id):
        if not self._integrated(aws_account_id):
            raise bad_request('AWS account %s is not integrated' % aws_account_id)

    # --- Cloud Cost Management ---------------------------------------------------------------------------------

    def get_ccm_config(self, _query, _body, raw_id):
        with self.state.lock:
            account = self._ccm_account(raw_id, held=True)
            return Answer(200, ccm_config_body(account))

    def create_ccm_config(self, _query, body, raw_id):
        exports = ccm_exports(body)
        with self.state.lock:
            account = self._ccm_account(raw_id)
            if account['ccm_config'] is not None:
                raise Refusal(json_api_error(409, 'Account already exists', 'CCM config already exists for this account'))
            return self._store_ccm(account, exports)

    def update_ccm_config(self, _query, body, raw_id):
        exports = ccm_exports(body)
        with self.state.lock:
            return self._store_ccm(self._ccm_account(raw_id, held=True), exports)

    def delete_ccm_config(self, _query, _body, raw_id):
        with self.state.lock:
            account = self._ccm_account(raw_id, held=True)
            account.update(ccm_config=None, modified_at=self.state.now_ns())
        return Answer(204)

    def validate_ccm_config(self, _query, body):
        attributes = request_attributes(body, 'ccm_config_validation')
        for required in ('account_id', 'bucket_name', 'bucket_region', 'report_name'):
            if not isinstance(attributes.get(required), str):
                raise bad_request('%s is required and must be a string' % required)
        with self.state.lock:
            issues = list(self.state.ccm_issues.get(attributes['bucket_name'], []))
        return Answer(200, {'data': {'id': attributes['account_id'], 'type': 'ccm_config_validation', 'attributes': {
            'account_id': attributes['account_id'], 'issues': issues}}})

    def _ccm_account(self, raw_id, held=False):
        """The account of a CCM path; with held, one that holds a CCM config. Both 404s are the recorded one."""
        account = self._account(account_config_id(raw_id))
        if held and account['ccm_config'] is None:
            raise Refusal(json_api_error(404, 'Account not found', 'AWS account with provided id is not integrated'))
        return account

    def _store_ccm(self, account, exports):
        account.update(ccm_config=exports, modified_at=self.state.now_ns())
        return Answer(200, ccm_config_body(account))

    def available_namespaces(self, _query, _body):
        return Answer(200, self.state.namespaces_body)

    def logs_services(self, _query, _body):
        return Answer(200, self.state.logs_services_body)

    def permissions_all(self, _query, _body):
        return self._permissions(('standard', 'resource_collection'))

    def permissions_standard(self, _query, _body):
        return self._permissions(('standard',))

    def permissions_resource_collection(self, _query, _body):
        return self._permissions(('resource_collection',))

    ROUTES = [Route(method, re.compile(pattern), permission if isinstance(permission, tuple) else (permission,), endpoint)
              for method, pattern, permission, endpoint in (
        ('POST', '/api/v2/integration/aws/generate_new_external_id', EDIT, generate_v2),
        ('PUT', '/api/v1/integration/aws/generate_new_external_id', EDIT, generate_v1),
        ('GET', '/api/v2/integration/aws/accounts', READ, list_accounts),
        ('POST', '/api/v2/integration/aws/accounts', MANAGE, create_account),
        ('GET', '/api/v2/integration/aws/accounts/([^/]+)', READ, get_account),
        ('PATCH', '/api/v2/integration/aws/accounts/([^/]+)', EDIT, update_account),
        ('DELETE', '/api/v2/integration/aws/accounts/([^/]+)', MANAGE, delete_account),
        ('GET', '/api/v2/integration/aws/available_namespaces', READ, available_namespaces),
        ('GET', '/api/v2/integration/aws/logs/services', READ, logs_services),
        ('GET', '/api/v2/integration/aws/iam_permissions', READ, permissions_all),
        ('GET', '/api/v2/integration/aws/iam_permissions/standard', READ, permissions_standard),
        ('GET', '/api/v2/integration/aws/iam_permissions/resource_collection', READ, permissions_resource_collection),
        ('GET', '/api/v2/integration/aws/event_bridge', INTEGRATIONS_READ, list_event_sources),
        ('POST', '/api/v2/integration/aws/event_bridge', MANAGE_INTEGRATIONS, create_event_source),
        ('DELETE', '/api/v2/integration/aws/event_bridge', MANAGE_INTEGRATIONS, delete_event_source),
        ('GET', '/api/v2/integration/aws/accounts/([^/]+)/ccm_config', READ, get_ccm_config),
        ('POST', '/api/v2/integration/aws/accounts/([^/]+)/ccm_config', EDIT, create_ccm_config),
        ('PATCH', '/api/v2/integration/aws/accounts/([^/]+)/ccm_config', EDIT, update_ccm_config),
        ('DELETE', '/api/v2/integration/aws/accounts/([^/]+)/ccm_config', EDIT, delete_ccm_config),
        ('POST', '/api/v2/integration/aws/validate_ccm_config', CCM_READ_OR_WRITE, validate_ccm_config),
    )]


def fault_answer(fault):
    """The Answer a scripted fault stands for, or None when it only delays or drops."""
    if 'status' not in fault:
        return None
    status = int(fault['status'])
    headers = dict(fault.get('headers') or {})
    if status == 429 and 'reset' in fault:
        headers.update({'X-RateLimit-Limit': '20', 'X-RateLimit-Period': '5', 'X-RateLimit-Remaining': '0',
                        'X-RateLimit-Reset': str(fault['reset']), 'X-RateLimit-Name': RATE_LIMIT_NAME})
    if fault.get('html'):
        page = HTML_PAGES.get(status) or HTML_PAGES[502].replace('502 Bad Gateway', '%d Error' % status)
        return Answer(status, page, 'text/html', headers)
    body = fault.get('body', {'errors': ['Too many requests'] if status == 429 else ['Internal Server Error']})
    return Answer(status, body, fault.get('content_type', PLAIN_JSON), headers)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    # Headers and body go out as separate writes; with Nagle's algorithm the body would wait for the client's
    # delayed ACK (about 40 ms), a stall real API front ends do not have.
    disable_nagle_algorithm = True
    server_version = 'datadog-emulator'
    sys_version = ''

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            sys.stderr.write('%s %s\n' % (self.log_date_time_string(), format % args))

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def _dispatch(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        if parts.path.startswith('/_emulator/'):
            self._send(self._control(parts.path, body))
            return
        state = self.server.state
        headers = {name: self.headers.get(name) for name in KEY_HEADERS}
        with state.lock:
            state.journal.append({
                'method': self.command,
                'path': parts.path,
                'query': parse_qs(parts.query),
                'headers': {name: (MASK if name.upper() in KEY_HEADERS else value)
                            for name, value in self.headers.items()},
                'authenticated': state.keys_accepted(headers),
                'body': journaled_body(body),
                'time': state.now(),
            })
            fault = state.faults.pop(0) if state.faults else None
        if fault:
            if fault.get('delay'):
                time.sleep(float(fault['delay']))
            if fault.get('drop'):
                self._hang_up()
                return
            answer = fault_answer(fault)
            if answer and not fault.get('act'):
                self._send(answer)
                return
        if self.command in WRITES and not self._begin_write(state):
            self._send(Answer(500, CONFLICTING_UPDATES, PLAIN_JSON))
            return
        try:
            acted = DatadogAPI(state).handle(self.command, parts.path, parse_qs(parts.query), headers, body)
        finally:
            if self.command in WRITES:
                self._end_write(state)
        if fault and fault.get('lose_answer'):
            self._hang_up()
            return
        self._send(answer if fault and fault.get('act') and answer else acted,
                   gzip_ok=parts.path.startswith('/api/v1/'))

    def _begin_write(self, state):
        """False when conflicts are on and another write is under way: Datadog's 500 "conflicting updates"."""
        with state.lock:
            hold = state.conflict_hold
            if hold is None:
                return True
            if state.writing:
                state.conflicts += 1
                return False
            state.writing += 1
        time.sleep(hold)  # the write takes this long, so that writes sent at about the same time overlap
        return True

    def _end_write(self, state):
        with state.lock:
            state.writing = max(0, state.writing - 1)

    def _hang_up(self):
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _control(self, path, body):
        state = self.server.state
        try:
            request = json.loads(body.decode('utf-8')) if body else {}
        except ValueError:
            return Answer(400, {'errors': ['control request body must be JSON']}, PLAIN_JSON)
        if path == '/_emulator/journal' and self.command == 'GET':
            with state.lock:
                return Answer(200, {'requests': list(state.journal)}, PLAIN_JSON)
        if path == '/_emulator/state' and self.command == 'GET':
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/reset' and self.command == 'POST':
            state.reset()
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/accounts' and self.command == 'POST':
            if not request.get('aws_account_id'):
                return Answer(400, {'errors': ['aws_account_id is required']}, PLAIN_JSON)
            return Answer(200, state.add_account(**request), PLAIN_JSON)
        if path == '/_emulator/faults' and self.command == 'POST':
            with state.lock:
                state.faults.extend(request.get('faults') or [])
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/clock' and self.command == 'POST':
            advance = request.get('advance')
            if isinstance(advance, bool) or not isinstance(advance, (int, float)):
                return Answer(400, {'errors': ['advance must be a number of seconds']}, PLAIN_JSON)
            with state.lock:
                state.clock_offset_ns += int(advance * 1e9)
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/permissions' and self.command == 'POST':
            granted = request.get('permissions')
            if granted is not None and not (isinstance(granted, list) and all(isinstance(name, str) for name in granted)):
                return Answer(400, {'errors': ['permissions must be a list of names, or null for all']}, PLAIN_JSON)
            with state.lock:
                state.granted = granted
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/conflicts' and self.command == 'POST':
            hold = request.get('hold')
            if hold is not None and (isinstance(hold, bool) or not isinstance(hold, (int, float)) or hold < 0):
                return Answer(400, {'errors': ['hold must be a number of seconds, or null to turn conflicts off']},
                              PLAIN_JSON)
            with state.lock:
                state.conflict_hold = hold
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/reorder' and self.command == 'POST':
            if not isinstance(request.get('enabled'), bool):
                return Answer(400, {'errors': ['enabled must be true or false']}, PLAIN_JSON)
            with state.lock:
                state.reorder_lists = request['enabled']
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/ccm_validation' and self.command == 'POST':
            issues = request.get('issues')
            if not isinstance(request.get('bucket_name'), str) or not (
                    isinstance(issues, list) and all(isinstance(issue, dict) for issue in issues)):
                return Answer(400, {'errors': ['bucket_name (a string) and issues (a list of objects) are required']},
                              PLAIN_JSON)
            with state.lock:
                state.ccm_issues[request['bucket_name']] = issues
            return Answer(200, state.snapshot(), PLAIN_JSON)
        if path == '/_emulator/rate_limit' and self.command == 'POST':
            with state.lock:
                state.limiter = RateLimiter(request.get('limit'), request.get('period', 60))
            return Answer(200, state.snapshot(), PLAIN_JSON)
        return Answer(404, {'errors': ['unknown control endpoint %s %s' % (self.command, path)]}, PLAIN_JSON)

    def _send(self, answer, gzip_ok=False):
        payload = answer.payload()
        headers = dict(answer.headers)
        if gzip_ok and payload and 'gzip' in (self.headers.get('Accept-Encoding') or ''):
            payload = gzip.compress(payload)
            headers['Content-Encoding'] = 'gzip'
            headers['Vary'] = 'Accept-Encoding'
        self.send_response(answer.status)
        if payload:
            headers['Content-Type'] = answer.content_type
        if answer.status != 204:  # HTTP forbids a Content-Length on 204
            headers['Content-Length'] = str(len(payload))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if payload and self.command != 'HEAD':
            self.wfile.write(payload)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state, host='127.0.0.1', port=0, ssl_context=None, verbose=False):
        ThreadingHTTPServer.__init__(self, (host, port), Handler)
        self.state = state
        self.verbose = verbose
        if ssl_context is not None:
            self.socket = ssl_context.wrap_socket(self.socket, server_side=True)

    @property
    def url(self):
        scheme = 'https' if isinstance(self.socket, ssl.SSLSocket) else 'http'
        return '%s://%s:%d' % (scheme, self.server_address[0], self.server_address[1])


def make_tls(state_dir):
    """A CA of the emulator's own, written to state_dir/ca.pem, and a server context for 127.0.0.1/localhost."""
    import trustme  # only needed when serving TLS

    authority = trustme.CA(organization_name='ddog.aws Datadog API emulator')
    ca_path = os.path.join(state_dir, 'ca.pem')
    authority.cert_pem.write_to_path(ca_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert('127.0.0.1', 'localhost', '::1').configure_cert(context)
    return context, ca_path


def serve(args):
    os.makedirs(args.state_dir, exist_ok=True)
    accounts = []
    for spec in args.account or []:
        aws_account_id, _sep, role_name = spec.partition(':')
        accounts.append({'aws_account_id': aws_account_id, 'role_name': role_name or None})
    state = EmulatorState(args.api_key, args.app_key, args.rate_limit, args.rate_period, accounts, args.reorder_lists)
    context, ca_path = make_tls(args.state_dir)
    server = EmulatorServer(state, args.host, args.port, context, args.verbose)
    settings = {
        'emulator_url': server.url,
        'emulator_ca': ca_path,
        'emulator_api_key': args.api_key,
        'emulator_app_key': args.app_key,
        'emulator_pid': os.getpid(),
    }
    path = os.path.join(args.state_dir, 'emulator.json')
    with open(path + '.tmp', 'w') as handle:
        json.dump(settings, handle, indent=2)
    os.replace(path + '.tmp', path)
    signal.signal(signal.SIGTERM, lambda *_args: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if os.path.exists(path):
            os.remove(path)


def start(args, argv):
    """Start `serve` in the background, wait until it answers, print its settings."""
    os.makedirs(args.state_dir, exist_ok=True)
    settings_path = os.path.join(args.state_dir, 'emulator.json')
    if os.path.exists(settings_path):
        os.remove(settings_path)
    log = open(os.path.join(args.state_dir, 'emulator.log'), 'ab')
    serve_argv = list(argv)
    serve_argv.remove('start')
    command = [sys.executable, os.path.abspath(__file__), 'serve'] + serve_argv
    process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit('The emulator exited with %s; see %s' % (process.returncode, log.name))
        if os.path.exists(settings_path):
            with open(settings_path) as handle:
                print(handle.read())
            return
        time.sleep(0.05)
    process.terminate()
    sys.exit('The emulator did not start within 30 seconds; see %s' % log.name)


def stop(args):
    settings_path = os.path.join(args.state_dir, 'emulator.json')
    if not os.path.exists(settings_path):
        print('No emulator running for %s' % args.state_dir)
        return
    with open(settings_path) as handle:
        pid = json.load(handle)['emulator_pid']
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        os.remove(settings_path)
        return
    deadline = time.time() + 10
    while time.time() < deadline and os.path.exists(settings_path):
        time.sleep(0.05)
    print('Emulator %d stopped' % pid)


def read_settings(state_dir):
    """The settings a running emulator wrote to state_dir/emulator.json."""
    with open(os.path.join(state_dir, 'emulator.json')) as handle:
        return json.load(handle)


def environment(state_dir):
    """The environment that points the collection at a running emulator, as users point it at Datadog: the keys, the
    API host (which wins over DD_SITE) and the CA the host's certificate is signed by."""
    settings = read_settings(state_dir)
    return {'DD_API_KEY': settings['emulator_api_key'], 'DD_APP_KEY': settings['emulator_app_key'],
            'DD_HOST': settings['emulator_url'], 'REQUESTS_CA_BUNDLE': settings['emulator_ca']}


def control(state_dir, name, body=None):
    """Call the running emulator's control endpoint /_emulator/NAME: GET without a body, else POST it."""
    from urllib.request import Request, urlopen

    settings = read_settings(state_dir)
    data = None if body is None else json.dumps(body).encode('utf-8')
    request = Request(settings['emulator_url'] + '/_emulator/' + name, data=data,
                      method='GET' if body is None else 'POST', headers={'Content-Type': 'application/json'})
    context = ssl.create_default_context(cafile=settings['emulator_ca'])
    with urlopen(request, context=context, timeout=30) as response:
        return json.load(response)


def print_journal(args):
    journal = control(args.state_dir, 'journal')
    if not args.summary:
        print(json.dumps(journal, indent=2))
        return
    for entry in journal['requests']:
        print('%-4s %s%s  body=%s  keys %s  User-Agent: %s' % (
            entry['method'], entry['path'], '?' + '&'.join('%s=%s' % (k, v[0]) for k, v in entry['query'].items())
            if entry['query'] else '', entry['body'] or '(none)', 'valid' if entry['authenticated'] else 'INVALID',
            entry['headers'].get('User-Agent')))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=('serve', 'start', 'stop', 'journal', 'control', 'setting', 'env'))
    parser.add_argument('name', nargs='?', help='control: the endpoint (reset, accounts ...); setting: the key')
    parser.add_argument('--state-dir', required=True, help='where emulator.json, ca.pem and emulator.log go')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--api-key', default=DEFAULT_API_KEY)
    parser.add_argument('--app-key', default=DEFAULT_APP_KEY)
    parser.add_argument('--rate-limit', type=int, default=None, help='calls allowed per period (default: none)')
    parser.add_argument('--rate-period', type=int, default=60, help='seconds in a rate-limit window')
    parser.add_argument('--account', action='append', metavar='ACCOUNT_ID[:ROLE_NAME]',
                        help='an integrated AWS account to start with (repeatable)')
    parser.add_argument('--reorder-lists', action='store_true',
                        help='answer every list of an account config in an order of its own (a stress mode)')
    parser.add_argument('--verbose', action='store_true', help='log every request to stderr')
    parser.add_argument('--summary', action='store_true', help='journal: one line per request')
    parser.add_argument('--body', help='control: the JSON to POST (without it, a GET)')
    return parser.parse_args(argv)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.command == 'serve':
        serve(args)
    elif args.command == 'start':
        start(args, argv)
    elif args.command == 'stop':
        stop(args)
    elif args.command == 'journal':
        print_journal(args)
    elif args.command == 'control':
        print(json.dumps(control(args.state_dir, args.name, None if args.body is None else json.loads(args.body))))
    elif args.command == 'env':
        print('export %s' % ' '.join('%s=%s' % (name, shlex.quote(value))
                                     for name, value in sorted(environment(args.state_dir).items())))
    else:
        print(read_settings(args.state_dir)[args.name])


if __name__ == '__main__':
    main()
