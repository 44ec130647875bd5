# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The IAM permissions Datadog's integration role needs, as Datadog lists them. Takes a DatadogClient; raises."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, v2_attributes

PATHS = {
    'all': '/api/v2/integration/aws/iam_permissions',
    'standard': '/api/v2/integration/aws/iam_permissions/standard',
    'resource_collection': '/api/v2/integration/aws/iam_permissions/resource_collection',
}
SCOPES = tuple(PATHS)


def read(client, scope='all'):
    """The IAM actions of scope (all, standard or resource_collection)."""
    try:
        payload = client.request('GET', PATHS[scope])
    except DatadogAPIError as exc:
        if exc.status == 403:
            raise exc.explained(' This call needs the application key permission aws_configuration_read.')
        raise
    permissions = (v2_attributes(payload) or {}).get('permissions')
    if not isinstance(permissions, list) or not all(isinstance(item, str) for item in permissions):
        raise DatadogAPIError('Datadog answered %s without a list of permissions in its body: %s'
                              % (PATHS[scope], client.describe(payload)))
    return permissions
