# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What _ccm decides from what a run found, before any request: no client is given, so a request would fail."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils._ccm import Found, apply_absent, apply_present
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError

ACCOUNT = {'id': 'b2087a32-4d4f-45b1-9321-1a0a48e9d7cf', 'attributes': {'aws_account_id': '123456789012'}}
EXPORT = dict(bucket_name='billing', bucket_region='us-east-1', report_name='cost-and-usage-report',
              report_prefix='reports', report_type='CUR2.0')


def found(account, exports=None):
    return Found('123456789012', 'aws-us-gov', account, exports)


def no_warning(warning):
    raise AssertionError('unexpected warning: %s' % warning)


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_config_of_an_account_datadog_does_not_integrate_is_refused(check_mode):
    with pytest.raises(DatadogAPIError) as refused:
        apply_present(None, found(None), [EXPORT], no_warning, check_mode=check_mode, validation=True)
    assert refused.value.message == ('Datadog does not integrate AWS account 123456789012 in the aws-us-gov partition: '
                                     'integrate it first (ddog.aws.datadog_aws_account). Nothing was changed.')


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('account', [ACCOUNT, None], ids=['integrated', 'not integrated'])
def test_absent_with_no_config_held_is_no_change(check_mode, account):
    assert apply_absent(None, found(account), no_warning, check_mode=check_mode) is False


def test_absent_in_check_mode_would_delete_a_config_held():
    assert apply_absent(None, found(ACCOUNT, [EXPORT]), no_warning, check_mode=True) is True
