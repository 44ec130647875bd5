# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The per-account engine: Datadog's integration of one AWS account and the IAM role it assumes, both sides at once.

Used by the ddog.aws.datadog_aws_integration action, and through it by the integration_role role and the
organization_rollout playbook, so that they cannot drift apart. What does not depend on the account (Datadog's
permission list and the integrations it holds) is read once per run by the caller and passed in.

Order, as Datadog's own quick start: Datadog's integration first (Datadog mints the external ID, and an ID an
integration uses never expires), then the role trusting that ID. A teardown goes the other way round, after every
refusal has been decided: nothing is written anywhere until all that is read says the run may go on.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils import _accounts, _external_ids, _iam, _permissions
from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    datadog_principal,
    policy_documents,
    trust_policy,
    trusted_external_id,
)
from ansible_collections.ddog.aws.plugins.module_utils._catalog import Catalog
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError


class Ask:
    """What a task asks for one account.

    settings: the integration's settings (account_tags, aws_regions, ...) the task sets.
    permissions: Datadog's IAM permission list, read once per run; None to read it here.
    integrations: the integrations Datadog holds (items as Datadog returns them), read once per run; None to look
    the account up here.
    guardrails: the role's path, permissions boundary, maximum session duration and tags (see _iam.RoleSpec).
    catalog: Datadog's catalogue ({'namespaces': [...], 'logs_services': [...]}, as datadog_aws_catalog_info returns
    it), when the caller read it once for many accounts; None, or a part left out, to read it here only when the
    write planned names namespaces or log sources, so that a rerun that changes nothing reads none.
    """

    def __init__(self, aws_account_id, aws_partition='aws', role_name='DatadogIntegrationRole', state='present',
                 settings=None, rotate=False, adopt=False, policy_name=None, max_policy_size=6144,
                 permissions_scope='all', permissions=None, integrations=None, catalog=None, guardrails=None):
        self.aws_account_id = aws_account_id
        self.aws_partition = aws_partition
        self.role_name = role_name
        self.state = state
        self.settings = settings or {}
        _accounts.refuse_empty_name_filters(self.settings)
        self.rotate = rotate
        self.adopt = adopt
        self.policy_name = policy_name
        self.max_policy_size = max_policy_size
        self.permissions_scope = permissions_scope
        self.permissions = permissions
        self.integrations = integrations
        self.catalog = catalog
        self.guardrails = guardrails or {}


class Engine:
    """One account's reconcile. client: a DatadogClient; iam: a boto3 IAM client of the account, or a function that
    makes one, called only once Datadog's side allows the run to go on (so a refused account costs no AWS request)."""

    def __init__(self, client, iam, site, ask, check_mode=False):
        self.client = client
        self._iam = iam
        self.site = site
        self.ask = ask
        self.check_mode = check_mode
        self.warnings = []

    def run(self):
        ask = self.ask
        current = _accounts.find(self.client, ask.aws_account_id, ask.aws_partition, listed=ask.integrations)
        # Refused before anything is read in AWS or written anywhere: Datadog uses keys or another role.
        _accounts.refuse_other_holder(current, ask.aws_account_id, ask.role_name)
        if ask.state == 'absent':
            return self.absent(current)
        return self.present(current)

    def _side(self, documents):
        """The IAM side of the account, connected only now that Datadog's side allows the run to go on."""
        ask = self.ask
        if callable(self._iam):
            self._iam = self._iam()
        spec = _iam.RoleSpec(ask.aws_account_id, ask.aws_partition, ask.role_name, self.site, None, documents,
                             policy_name=ask.policy_name, adopt=ask.adopt, **ask.guardrails)
        return _iam.IAMSide(self._iam, spec, check_mode=self.check_mode)

    # --- present -------------------------------------------------------------------------------------------------

    def present(self, current):
        ask = self.ask
        principal = datadog_principal(self.site, ask.aws_partition)
        side = self._side(self._documents())
        state = side.read()
        side.check_owner(state)

        # The ID an existing role of ours already trusts is reused when Datadog holds no integration yet (a setup
        # interrupted before it); Datadog refuses it once 48 hours old, and then mints another.
        trusted = ''
        if current is None and state.exists and (state.marked or state.legacy):
            trusted = trusted_external_id(state.role.get('AssumeRolePolicyDocument') or {}, principal)
        desired = _accounts.Desired(ask.aws_account_id, ask.aws_partition, role_name=ask.role_name,
                                    external_id=trusted or None, settings=ask.settings)
        changed, after = self._datadog_present(current, desired)
        external_id = _accounts.auth_summary(after).get('external_id') or _accounts.PLACEHOLDER_ID
        if ask.rotate:
            changed, after, external_id = True, *self._rotate(after)

        side.spec.trust_policy = trust_policy(principal, external_id)
        side.spec.security_audit = bool((after.get('resources_config') or {}).get(
            'cloud_security_posture_management_collection'))
        role_arn = side.present(state)
        self.warnings.extend(side.warnings)

        if current is None and changed:
            outcome = 'created'
        elif changed or side.actions:
            outcome = 'updated'
        else:
            outcome = 'unchanged'
        return self._result(outcome, current, after, side, state, role_arn=role_arn, external_id=external_id)

    def _documents(self):
        """Datadog's permissions as policy documents; read here when the run did not read them once for all."""
        ask = self.ask
        permissions = ask.permissions
        if permissions is None:
            permissions = _permissions.read(self.client, ask.permissions_scope)
        return policy_documents(permissions, ask.max_policy_size)

    def _datadog_present(self, current, desired):
        """(changed, the integration after); an ID the role trusted that Datadog refuses is left to Datadog to mint."""
        catalog = Catalog(self.client, **(self.ask.catalog or {}))
        if self.check_mode:
            plan = _accounts.plan_present(self.client, current, desired, catalog)
            return plan.method is not None, plan.after
        try:
            return _accounts.apply_present(self.client, current, desired, self.warnings.append, catalog)
        except DatadogAPIError as exc:
            if current is not None or 'external_id' not in desired.auth or exc.status != 400 \
                    or 'invalid External ID' not in ' '.join(exc.errors):
                raise
            self.warnings.append('Datadog refused the external ID the IAM role trusted (older than 48 hours, or not '
                                 'minted for this organization): Datadog minted a new one, and the trust policy '
                                 'follows in this run.')
            return _accounts.apply_present(self.client, None, desired.without_external_id(), self.warnings.append,
                                           catalog)

    def _rotate(self, after):
        """A new external ID, given to the integration; Datadog cannot assume the role until the trust policy
        follows, a moment later in this run. (integration after, new ID)"""
        if self.check_mode:
            return after, _accounts.PLACEHOLDER_ID
        new_id = _external_ids.generate(self.client)
        desired = _accounts.Desired(self.ask.aws_account_id, self.ask.aws_partition, role_name=self.ask.role_name,
                                    external_id=new_id)
        _changed, after = _accounts.apply_present(self.client, _accounts.unshape(after), desired,
                                                  self.warnings.append)
        return after, new_id

    # --- absent --------------------------------------------------------------------------------------------------

    def absent(self, current):
        side = self._side([])
        state = side.read()
        plan = side.plan_absent(state)
        deleted = _accounts.apply_absent(self.client, current, self.warnings.append, self.check_mode)
        side.absent(state, plan)
        outcome = 'deleted' if deleted or side.actions else 'unchanged'
        return self._result(outcome, current, {}, side, state, present=False)

    # --- result --------------------------------------------------------------------------------------------------

    def _result(self, outcome, current, after, side, state, role_arn='', external_id='', present=True):
        spec = side.spec
        result = dict(
            changed=outcome != 'unchanged',
            outcome=outcome,
            role_arn=role_arn,
            external_id=external_id if present else '',
            policy_arns=[spec.policy_arn(name) for name in spec.policy_names()] if present else [],
            account_config_id=(after or {}).get('account_config_id') or '',
            account=after or {},
            iam_actions=list(side.actions),
            adopted=side.adopted,
            inline_policies=list(side.inline_policies),
            diff=dict(
                before=dict(datadog=_accounts.diff_view(_accounts.shape(current) if current else {}),
                            iam=side.before_view(state)),
                after=dict(datadog=_accounts.diff_view(after), iam=side.after_view(state) if present else {}),
            ),
        )
        return result
