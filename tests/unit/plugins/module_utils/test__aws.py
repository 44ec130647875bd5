# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AWS-side rules: Datadog's principals, trust policies, account IDs and role names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _aws, _datadog


# --- the principal Datadog assumes roles from --------------------------------------------------------------

@pytest.mark.parametrize('site, partition, arn', [
    ('datadoghq.com', 'aws', 'arn:aws:iam::464622532012:root'),
    ('us3.datadoghq.com', 'aws', 'arn:aws:iam::464622532012:root'),
    ('us5.datadoghq.com', 'aws', 'arn:aws:iam::464622532012:root'),
    ('datadoghq.eu', 'aws', 'arn:aws:iam::464622532012:root'),
    ('ap1.datadoghq.com', 'aws', 'arn:aws:iam::417141415827:root'),
    ('ap2.datadoghq.com', 'aws', 'arn:aws:iam::412381753143:root'),
    ('uk1.datadoghq.com', 'aws', 'arn:aws:iam::117348461845:root'),
    ('ddog-gov.com', 'aws', 'arn:aws:iam::392588925713:root'),
    ('ddog-gov.com', 'aws-us-gov', 'arn:aws-us-gov:iam::065115117704:root'),
    ('us2.ddog-gov.com', 'aws', 'arn:aws:iam::382742775718:root'),
    ('us2.ddog-gov.com', 'aws-us-gov', 'arn:aws-us-gov:iam::486737091498:root'),
])
def test_datadog_principal_by_site_and_partition(site, partition, arn):
    assert _aws.datadog_principal(site, partition) == arn


def test_every_site_serves_the_commercial_partition():
    for site in _datadog.SITES:
        assert _aws.datadog_principal(site, 'aws').startswith('arn:aws:iam::')


def test_govcloud_partition_on_a_commercial_site_names_both_and_the_sites_that_serve_it():
    with pytest.raises(ValueError) as error:
        _aws.datadog_principal('datadoghq.eu', 'aws-us-gov')
    message = str(error.value)
    assert 'datadoghq.eu' in message and 'aws-us-gov' in message
    assert 'ddog-gov.com' in message and 'us2.ddog-gov.com' in message


def test_china_partition_is_served_by_no_site():
    with pytest.raises(ValueError, match='aws-cn.*No Datadog site does'):
        _aws.datadog_principal('datadoghq.com', 'aws-cn')


def test_trust_policy_document():
    assert _aws.trust_policy('arn:aws:iam::464622532012:root', 'abc') == {
        'Version': '2012-10-17',
        'Statement': [{
            'Effect': 'Allow',
            'Principal': {'AWS': 'arn:aws:iam::464622532012:root'},
            'Action': 'sts:AssumeRole',
            'Condition': {'StringEquals': {'sts:ExternalId': 'abc'}},
        }],
    }


@pytest.mark.parametrize('value', ['123456789012\n', '123456789012 ', ' 123456789012', '1234567890123', '12345678901a'])
def test_account_id_is_matched_whole(value):
    """A trailing newline must not pass: an _info module would then miss an integrated account."""
    assert 'aws_account_id must be exactly 12 digits' in _aws.aws_account_id_error('aws_account_id', value)


def test_account_id_short_of_digits_hints_at_yaml_leading_zeros():
    assert 'quote it' in _aws.aws_account_id_error('account_id', '12345678901')


@pytest.mark.parametrize('value', ['DatadogIntegrationRole\n', 'Role name', 'a' * 65, '', 'Rôle'])
def test_role_name_is_matched_whole(value):
    assert _aws.role_name_error('role_name', value).startswith('role_name must be 1 to 64 characters')


@pytest.mark.parametrize('value', [None, 'DatadogIntegrationRole', 'a+=,.@_-b', 'a' * 64])
def test_valid_role_names_pass(value):
    assert _aws.role_name_error('role_name', value) is None


# --- AWS Organizations ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('arn, partition', [
    ('arn:aws:organizations::123456789012:organization/o-abcdef1234', 'aws'),
    ('arn:aws-us-gov:organizations::123456789012:organization/o-abcdef1234', 'aws-us-gov'),
    ('arn:aws-cn:organizations::123456789012:organization/o-abcdef1234', 'aws-cn'),
])
def test_arn_partition(arn, partition):
    assert _aws.arn_partition(arn) == partition


def test_role_arn_per_partition():
    assert _aws.role_arn('aws', '012345678901', 'OrganizationAccountAccessRole') == \
        'arn:aws:iam::012345678901:role/OrganizationAccountAccessRole'
    assert _aws.role_arn('aws-us-gov', '012345678901', 'Rollout') == 'arn:aws-us-gov:iam::012345678901:role/Rollout'


def test_every_partition_has_an_organizations_region():
    assert sorted(_aws.ORGANIZATIONS_REGIONS) == sorted(_aws.AWS_PARTITIONS)


@pytest.mark.parametrize('region, partition', [
    ('us-east-1', 'aws'), ('eu-west-1', 'aws'), ('us-gov-west-1', 'aws-us-gov'), ('us-gov-east-1', 'aws-us-gov'),
    ('cn-north-1', 'aws-cn'), ('cn-northwest-1', 'aws-cn'),
])
def test_region_partition(region, partition):
    assert _aws.region_partition(region) == partition
