# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The IAM permissions Datadog's integration role needs, as Datadog lists them. Takes a DatadogClient; raises."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._datadog import read_names

PATHS = {
    'all': '/api/v2/integration/aws/iam_permissions',
    'standard': '/api/v2/integration/aws/iam_permissions/standard',
    'resource_collection': '/api/v2/integration/aws/iam_permissions/resource_collection',
}
SCOPES = tuple(PATHS)


def read(client, scope='all'):
    """The IAM actions of scope (all, standard or resource_collection)."""
    return read_names(client, PATHS[scope], 'permissions', 'aws_configuration_read')
