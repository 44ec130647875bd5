# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's external IDs: minting one for a new integration (v2), rotating an integrated account's (v1).

Each function takes a DatadogClient and raises DatadogAPIError.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, v2_attributes

V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
V2_PATH = '/api/v2/integration/aws/generate_new_external_id'


def _external_id(client, payload, path, fields, if_lost=''):
    external_id = fields.get('external_id') if isinstance(fields, dict) else None
    if not isinstance(external_id, str) or not external_id:
        raise DatadogAPIError(('Datadog answered %s without an external ID in its body: %s. %s'
                               % (path, client.describe(payload), if_lost)).rstrip())
    return external_id


def generate(client):
    """A new external ID for an integration yet to be created or given it (v2); no integration changes.

    Repeating it is harmless: the newest ID supersedes one minted by an attempt whose answer was lost.
    """
    payload = client.request('POST', V2_PATH, repeatable=True)
    return _external_id(client, payload, V2_PATH, v2_attributes(payload))


def rotate(client, aws_account_id, role_name):
    """The new external ID of an integrated account, which Datadog starts using at once (v1, deprecated).

    Never sent twice: a lost answer may mean the ID rotated already, and each call rotates it again.
    """
    if_lost = ('Datadog may already have rotated the external ID of AWS account %s. Read the ID in use with '
               'ddog.aws.datadog_aws_external_id_info and put it in the trust policy of %s before running this '
               'again: each run rotates it once more.' % (aws_account_id, role_name))
    payload = client.request('PUT', V1_PATH, body={'account_id': aws_account_id, 'role_name': role_name},
                             if_lost=if_lost)
    return _external_id(client, payload, V1_PATH, payload, if_lost)
