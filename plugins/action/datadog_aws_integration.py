# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ddog.aws.datadog_aws_integration: both sides of one account's integration, in the controller's worker.

An action plugin rather than a module, so that an Organization's worth of accounts costs one worker fork each and no
module start-up (AnsiballZ, an interpreter, botocore's import). The work itself is the engine in module_utils;
this file turns task arguments into what the engine asks and its answer into a task result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import functools
import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import env_fallback
from ansible.plugins.action import ActionBase

from ansible_collections.ddog.aws.plugins.module_utils import _accounts, _iam
from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue, check_identifiers
from ansible_collections.ddog.aws.plugins.module_utils._datadog import (
    HAS_REQUESTS,
    DatadogAPIError,
    DatadogClient,
    Redactor,
    datadog_argument_spec,
)
from ansible_collections.ddog.aws.plugins.module_utils._integration import Ask, Engine
from ansible_collections.ddog.aws.plugins.module_utils._permissions import SCOPES

NAME = 'ddog.aws.datadog_aws_integration'

# amazon.aws's option names and aliases, so that module_defaults for group/amazon.aws.aws apply here too.
AWS_ARGUMENT_SPEC = dict(
    access_key=dict(type='str', aliases=['aws_access_key_id', 'aws_access_key'], no_log=False),
    secret_key=dict(type='str', aliases=['aws_secret_access_key', 'aws_secret_key'], no_log=True),
    session_token=dict(type='str', aliases=['aws_session_token', 'security_token'], no_log=True),
    profile=dict(type='str', aliases=['aws_profile']),
    region=dict(type='str', aliases=['aws_region'], fallback=(env_fallback, ['AWS_REGION', 'AWS_DEFAULT_REGION'])),
    endpoint_url=dict(type='str', aliases=['aws_endpoint_url']),
    assume_role_arn=dict(type='str'),
)
AWS_GROUP = 'group/amazon.aws.aws'

ARGUMENT_SPEC = dict(
    aws_account_id=dict(type='str', required=True),
    aws_partition=dict(type='str', default='aws', choices=['aws', 'aws-us-gov']),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    role_name=dict(type='str', default='DatadogIntegrationRole'),
    policy_name=dict(type='str'),
    max_policy_size=dict(type='int', default=6144),
    permissions_scope=dict(type='str', default='all', choices=list(SCOPES)),
    iam_permissions=dict(type='list', elements='str'),
    datadog_integrations=dict(type='list', elements='dict'),
    datadog_catalog=dict(type='dict', options=dict(namespaces=dict(type='list', elements='str'),
                                                   logs_services=dict(type='list', elements='str'))),
    rotate=dict(type='bool', default=False),
    adopt=dict(type='bool', default=False),
    role_path=dict(type='str'),
    permissions_boundary=dict(type='str'),
    max_session_duration=dict(type='int'),
    iam_tags=dict(type='dict'),
    **_accounts.SETTINGS_ARGUMENT_SPEC
)


def argument_spec():
    spec = datadog_argument_spec()
    spec.update(AWS_ARGUMENT_SPEC)
    spec.update(ARGUMENT_SPEC)
    return spec


@contextlib.contextmanager
def task_environment(environment):
    """os.environ with the task's environment keyword applied, as a module would see it; restored afterwards."""
    saved = dict((name, os.environ.get(name)) for name in environment)
    os.environ.update((name, '%s' % value) for name, value in environment.items())
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class ActionModule(ActionBase):

    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        environment = {}
        self._compute_environment_string(environment)
        with task_environment(environment):
            outcome = self._run()
        result.update(outcome)
        return result

    def _aws_defaults(self):
        """What module_defaults for group/amazon.aws.aws set, for the AWS options the task leaves out."""
        defaults = {}
        for entry in self._task.module_defaults or []:
            if isinstance(entry, dict) and isinstance(entry.get(AWS_GROUP), dict):
                defaults.update(entry[AWS_GROUP])
        names = set(AWS_ARGUMENT_SPEC)
        for option in AWS_ARGUMENT_SPEC.values():
            names.update(option.get('aliases', []))
        given = set(self._task.args)
        return dict((name, value) for name, value in self._templar.template(defaults).items()
                    if name in names and name not in given)

    def _validated(self):
        """(parameters, redactor, no_log values) or raise InvalidValue; every no_log value goes into the redactor."""
        args = dict(self._aws_defaults())
        args.update(self._task.args)
        if not args.get('endpoint_url') and not args.get('aws_endpoint_url') and os.environ.get('AWS_URL'):
            args['endpoint_url'] = os.environ['AWS_URL']
        validator = ArgumentSpecValidator(
            argument_spec(),
            mutually_exclusive=[('profile', 'access_key'), ('profile', 'secret_key'), ('profile', 'session_token')],
            required_together=[('access_key', 'secret_key')],
        )
        validation = validator.validate(args)
        secrets = sorted(getattr(validation, '_no_log_values', ()))
        redact = Redactor(secrets + [args.get(name) for name in ('api_key', 'app_key') if isinstance(args.get(name), str)])
        if validation.error_messages:
            raise InvalidValue(redact(' '.join(validation.error_messages), limit=None))
        return validation.validated_parameters, redact, secrets

    def _run(self):
        redact = Redactor()
        warnings = []
        try:
            params, redact, secrets = self._validated()
            check_identifiers(aws_account_ids={'aws_account_id': params['aws_account_id']},
                              role_names={'role_name': params['role_name']})
            _iam.check_policy_name(params['policy_name'] or params['role_name'] + 'Policy', 99)
            guardrails = dict(path=params['role_path'], boundary=params['permissions_boundary'],
                              max_session_duration=params['max_session_duration'], tags=params['iam_tags'])
            _iam.check_guardrails(partition=params['aws_partition'], **guardrails)
            if not HAS_REQUESTS:
                raise InvalidValue('The Python that runs Ansible cannot import requests; install it there.')
            client = DatadogClient(
                api_key=params['api_key'], app_key=params['app_key'], site=params['site'],
                api_host=params['api_host'], validate_certs=params['validate_certs'], ca_path=params['ca_path'],
                timeout=params['timeout'], retries=params['retries'], user_agent_suffix='; %s' % NAME,
                secrets=secrets)
            warnings.extend(client.warnings)
            redact = redact.merged(client.redact)
            connect_iam = functools.partial(
                _iam.connect, params['aws_account_id'], params['aws_partition'], access_key=params['access_key'],
                secret_key=params['secret_key'], session_token=params['session_token'], profile=params['profile'],
                region=params['region'], endpoint_url=params['endpoint_url'],
                assume_role_arn=params['assume_role_arn'], session_name='ddog-aws-%s' % params['aws_account_id'],
                user_agent='ddog.aws/%s' % NAME)
            ask = Ask(
                params['aws_account_id'], params['aws_partition'], role_name=params['role_name'],
                state=params['state'], settings=dict((key, params[key]) for key in _accounts.SETTINGS),
                rotate=params['rotate'], adopt=params['adopt'], policy_name=params['policy_name'],
                max_policy_size=params['max_policy_size'], permissions_scope=params['permissions_scope'],
                permissions=params['iam_permissions'],
                integrations=None if params['datadog_integrations'] is None else
                [_accounts.unshape(account) for account in params['datadog_integrations']],
                catalog=params['datadog_catalog'], guardrails=guardrails)
            engine = Engine(client, connect_iam, params['site'], ask,
                            check_mode=bool(self._play_context.check_mode))
            outcome = engine.run()
            warnings.extend(engine.warnings)
        except DatadogAPIError as exc:
            outcome = dict(failed=True, outcome='failed', **exc.fail_json_kwargs())
        except (_iam.AWSError, InvalidValue) as exc:
            outcome = dict(failed=True, outcome='failed', msg='%s' % exc)
        except Exception as exc:  # the last line of defence: a clear failure, never a bare traceback
            import traceback

            outcome = dict(failed=True, outcome='failed', exception=traceback.format_exc(),
                           msg='Unexpected error in %s (please report it, without keys): %s: %s'
                           % (NAME, type(exc).__name__, exc))
        if not self._task.diff:
            outcome.pop('diff', None)
        if warnings:
            outcome['warnings'] = warnings
        return redact.mask_data(outcome)
