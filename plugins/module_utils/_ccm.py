# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Cloud Cost Management config of an AWS account integration: every rule of .../accounts/{id}/ccm_config.

Datadog holds at most one per integration: the data export configs (Cost and Usage Report 2.0 exports, each a report
name, prefix and type in an S3 bucket of a region) it reads costs from. As recorded: a create answers 409 when the
integration holds one; an update replaces the list whole; a delete answers 204; a read, update or delete where the
integration holds none answers 404 "Account not found", the same 404 as for an integration that does not exist (and
Datadog answered it to a delete of a config it had just listed, so a 404 to a delete is checked with a read). The
validation endpoint checks an export against what Datadog needs to ingest it, and persists nothing.

Each function takes a DatadogClient and raises DatadogAPIError; none knows of Ansible modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._accounts import as_asked, canonical, config_path, find
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, request, v2_attributes
from ansible_collections.ddog.aws.plugins.module_utils._writes import Plan, converge, delete_confirmed

RESOURCE_TYPE = 'ccm_config'
VALIDATION_PATH = '/api/v2/integration/aws/validate_ccm_config'
# The members of a data export config, all required, in the order Datadog answers them.
EXPORT_MEMBERS = ('report_name', 'report_prefix', 'report_type', 'bucket_name', 'bucket_region')
# The application key permission each call needs (Datadog's API reference).
PERMISSIONS = {'GET': 'aws_configuration_read', 'POST': 'aws_configuration_edit', 'PATCH': 'aws_configuration_edit',
               'DELETE': 'aws_configuration_edit'}
VALIDATION_PERMISSIONS = 'cloud_cost_management_read or cloud_cost_management_write'


def path(client, account):
    """The CCM config path of an integration (an item as Datadog lists it)."""
    return config_path(client, account) + '/ccm_config'


def call(client, method, where, permission=None, **kwargs):
    """_datadog.request() with the permission the call needs."""
    return request(client, method, where, permission or PERMISSIONS[method], **kwargs)


def exports_of(client, payload, method, where):
    """The data export configs of an answer, each with Datadog's members only."""
    exports = (v2_attributes(payload) or {}).get('data_export_configs')
    if not isinstance(exports, list) or not all(
            isinstance(export, dict) and all(isinstance(export.get(name), str) for name in EXPORT_MEMBERS)
            for export in exports):
        raise DatadogAPIError('Datadog answered %s %s without data export configs in its body: %s'
                              % (method, where, client.describe(payload)), maybe_applied=method != 'GET')
    return [dict((name, export[name]) for name in EXPORT_MEMBERS) for export in exports]


def read(client, account):
    """The data export configs the integration holds, or None when it holds no CCM config."""
    where = path(client, account)
    try:
        payload = call(client, 'GET', where)
    except DatadogAPIError as exc:
        if exc.status == 404:
            return None
        raise
    return exports_of(client, payload, 'GET', where)


class Found:
    """What a run reads first: the integration of the account (None when Datadog does not integrate it) and the data
    export configs it holds (None when none)."""

    def __init__(self, aws_account_id, aws_partition, account, exports):
        self.aws_account_id = aws_account_id
        self.aws_partition = aws_partition
        self.account = account
        self.exports = exports


def look_up(client, aws_account_id, aws_partition):
    """The Found of an account: its integration, and when there is one, its config."""
    account = find(client, aws_account_id, aws_partition)
    return Found(aws_account_id, aws_partition, account, None if account is None else read(client, account))


def plan_present(client, account, held, exports):
    """The create or update that brings the config to exports (compared as a set), or none."""
    exports = as_asked(exports)
    if held is not None and canonical(held) == canonical(exports):
        return Plan(None, None, None, held)
    return Plan('POST' if held is None else 'PATCH', path(client, account), exports, exports)


def validate(client, aws_account_id, exports):
    """Datadog's validation of each export: the issues it finds, each with the export's report and bucket names."""
    issues = []
    for export in exports:
        attributes = dict((name, export[name]) for name in EXPORT_MEMBERS if name != 'report_type')
        payload = call(client, 'POST', VALIDATION_PATH, VALIDATION_PERMISSIONS, repeatable=True,  # persists nothing
                       body={'data': {'type': 'ccm_config_validation',
                                      'attributes': dict(attributes, account_id=aws_account_id)}})
        found = (v2_attributes(payload) or {}).get('issues')
        if not isinstance(found, list) or not all(isinstance(issue, dict) for issue in found):
            raise DatadogAPIError('Datadog answered POST %s without a list of issues in its body: %s'
                                  % (VALIDATION_PATH, client.describe(payload)))
        issues += [dict(report_name=export['report_name'], bucket_name=export['bucket_name'], code=issue.get('code'),
                        description=issue.get('description')) for issue in found]
    return issues


def refuse_issues(issues, aws_account_id):
    """Raise, before any write, when Datadog's validation found issues; its errors list them one each."""
    if issues:
        texts = ['%s: %s (the export %s in the bucket %s)' % (issue['code'], issue['description'], issue['report_name'],
                                                              issue['bucket_name']) for issue in issues]
        raise DatadogAPIError('Datadog cannot ingest the data export configs of AWS account %s as they are: %s. Fix '
                              'them in AWS (or the task) and run again; nothing was changed.'
                              % (aws_account_id, '; '.join(texts)), errors=texts)


def apply_present(client, found, exports, warn, check_mode=False, validation=False):
    """Create or update the config; (changed, the data export configs after it). Refused when Datadog does not
    integrate the account: a config belongs to an integration.

    validation: ask Datadog to validate the exports before the write (in check mode too), and refuse the write when it
    finds issues. A create whose answer is lost is read back (_writes.converge); an update is sent again as it is.
    """
    account = found.account
    if account is None:
        raise DatadogAPIError('Datadog does not integrate AWS account %s in the %s partition: integrate it first '
                              '(ddog.aws.datadog_aws_account). Nothing was changed.'
                              % (found.aws_account_id, found.aws_partition))
    plan = plan_present(client, account, found.exports, exports)
    if plan.method is not None and validation:
        refuse_issues(validate(client, found.aws_account_id, plan.body), found.aws_account_id)
    if check_mode:
        return plan.method is not None, plan.after

    def write(step):
        payload = call(client, step.method, step.path, repeatable=step.method == 'PATCH',
                       if_lost='It is read back to see whether Datadog acted.',
                       body={'data': {'type': RESOURCE_TYPE, 'attributes': {'ccm_config': {
                           'data_export_configs': step.body}}}})
        return exports_of(client, payload, step.method, step.path)

    return converge(client, found.exports, lambda now: plan_present(client, account, now, exports), write,
                    lambda step: read(client, account), warn)


def apply_absent(client, found, warn, check_mode=False):
    """Delete the config, if the integration holds one; whether this run deleted it (in check mode, would)."""
    if found.exports is None:
        return False
    if check_mode:
        return True
    where = path(client, found.account)
    return delete_confirmed(lambda: call(client, 'DELETE', where, repeatable=True),
                            lambda: read(client, found.account) is not None, warn,
                            'the CCM config of AWS account %s' % found.aws_account_id)


def diff_view(exports):
    """The config as a diff shows it: exports in a stable order; {} when there is none."""
    return {} if exports is None else dict(ccm_config=dict(data_export_configs=canonical(exports)))
