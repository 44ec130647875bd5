# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The IAM side of Datadog's integration: the role Datadog assumes and the managed policies it writes, through boto3.

Ownership, the one rule everything here follows: what this collection creates carries its mark (IAM tags), and only
what carries the mark and belongs to the role in hand is changed or deleted. Policies are found through the role's
own attachments (or, for one the collection is about to create, at the exact ARN it would create, and then only
with a mark naming this role), never by name across the account. A policy something else also uses is detached,
never deleted. A role without the mark is refused unless the task says to adopt it. What 0.2.0 wrote (no mark, its
descriptions, an instance profile named after the role) is recognized, marked by the next run, and cleaned up.

Every loop and request count here is bounded by what IAM allows, never by what an answer claims.
Functions raise AWSError (or InvalidValue for a value this collection refuses).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.ddog.aws.plugins.module_utils._aws import (ORGANIZATIONS_REGIONS, InvalidValue, arn_partition,
                                                                    region_partition)

try:
    import boto3
    import botocore.config
    import botocore.exceptions
except ImportError:
    HAS_BOTO3 = False
else:
    HAS_BOTO3 = True

# Credentials assumed into an account last this long: a rollout's account takes seconds, and nothing keeps them.
ASSUMED_SECONDS = 900

# The collection's mark and what it records, as IAM tags.
MARK_KEY = 'ddog.aws:managed-by'
MARK_VALUE = 'ddog.aws'
SITE_KEY = 'ddog.aws:datadog-site'  # on the role: the Datadog site it serves
ROLE_KEY = 'ddog.aws:role'  # on a policy: the role it was written for
ATTACHED_KEY = 'ddog.aws:attached'  # on the role: the AWS managed policies the collection attached
# On the role: the version of each of its policies the collection last wrote, so that a rerun reads each document
# with one request. Only a hint: a version that is no longer the default is noticed and read the long way.
VERSIONS_KEY = 'ddog.aws:policy-versions'
OUR_KEYS = (MARK_KEY, SITE_KEY, ATTACHED_KEY, VERSIONS_KEY)

ROLE_DESCRIPTION = 'Assumed by Datadog\'s AWS integration; managed by the ddog.aws Ansible collection'
POLICY_DESCRIPTION = 'Permissions Datadog\'s AWS integration needs; managed by the ddog.aws Ansible collection'
# What 0.2.0 (amazon.aws modules) wrote: these descriptions, no tags, and an instance profile named as the role.
LEGACY_ROLE_DESCRIPTION = 'Assumed by Datadog\'s AWS integration, written by ddog.aws.integration_role'
LEGACY_POLICY_WORDS = 'written by ddog.aws.integration_role'
LEGACY_POLICY_NAME = 'DatadogIntegrationPolicy'

# Datadog's own CloudFormation template attaches AWS's SecurityAudit to the role when the integration collects for
# Cloud Security Posture Management.
SECURITY_AUDIT = 'SecurityAudit'

# IAM allows at most 25 managed policies on a role, 5 versions of a policy; these bound every listing read here.
_PAGE_SIZE = 100
MAX_POLICY_VERSIONS = 5
MAX_ATTACHED = 25
_NUMBERED = re.compile(r'-([0-9]{1,3})$')


class AWSError(Exception):
    """A failure on the AWS side, in AWS's words where AWS gave some; never holds a credential."""

    def __init__(self, message, code=None):
        super(AWSError, self).__init__(message)
        self.message = message
        self.code = code


def aws_call(account_id, operation, function, **kwargs):
    """function(**kwargs), its failures as AWSError naming the operation and the account."""
    try:
        return function(**kwargs)
    except botocore.exceptions.ClientError as error:
        details = error.response.get('Error', {})
        code = details.get('Code') or str(error.response.get('ResponseMetadata', {}).get('HTTPStatusCode', ''))
        raise AWSError('AWS %s in account %s failed: %s: %s' % (operation, account_id, code, details.get('Message', '')),
                       code=code)
    except botocore.exceptions.NoCredentialsError:
        raise AWSError('No AWS credentials for account %s: set access_key and secret_key, profile, or the usual '
                       'AWS_* environment variables.' % account_id)
    except botocore.exceptions.BotoCoreError as error:
        raise AWSError('AWS %s in account %s failed: %s' % (operation, account_id, error))


def connect(account_id, partition, access_key=None, secret_key=None, session_token=None, profile=None, region=None,
            endpoint_url=None, assume_role_arn=None, session_name='ddog-aws', user_agent=''):
    """An IAM client for the account, after checking that the credentials reach that account.

    With assume_role_arn, the given credentials (or boto3's own) assume that role, and the account in AssumeRole's
    answer is checked: the temporary credentials never leave this function. Without it, GetCallerIdentity tells
    the account. No credential is ever put into an error message.
    """
    if not HAS_BOTO3:
        raise AWSError('boto3 is needed on the controller (action plugins run there, in the Python that runs '
                       'Ansible): install it with that Python\'s pip, for example python3 -m pip install boto3.')
    config = botocore.config.Config(retries={'mode': 'standard', 'max_attempts': 5}, connect_timeout=10,
                                    read_timeout=60, user_agent_extra=user_agent)
    try:
        session = boto3.session.Session(aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                                        aws_session_token=session_token, profile_name=profile)
    except botocore.exceptions.BotoCoreError as error:
        raise AWSError('The AWS credentials for account %s cannot be used: %s' % (account_id, error))
    # A default region from the AWS configuration that is in another partition (a profile's us-east-1 for a GovCloud
    # account) could never reach the account: the partition's own region serves instead. A region asked for is kept.
    configured = session.region_name if session.region_name and region_partition(session.region_name) == partition \
        else None
    region = region or configured or ORGANIZATIONS_REGIONS[partition]
    sts = session.client('sts', region_name=region, endpoint_url=endpoint_url, config=config)
    if assume_role_arn:
        answer = aws_call(account_id, 'AssumeRole', sts.assume_role, RoleArn=assume_role_arn,
                          RoleSessionName=session_name[:64], DurationSeconds=ASSUMED_SECONDS)
        credentials, reached = answer['Credentials'], answer['AssumedRoleUser']['Arn']
        session = boto3.session.Session(aws_access_key_id=credentials['AccessKeyId'],
                                        aws_secret_access_key=credentials['SecretAccessKey'],
                                        aws_session_token=credentials['SessionToken'])
    else:
        reached = aws_call(account_id, 'GetCallerIdentity', sts.get_caller_identity)['Arn']
    reached_account = reached.split(':')[4] if reached.count(':') >= 5 else ''
    if reached_account != account_id or arn_partition(reached) != partition:
        raise AWSError('The AWS credentials reach account %s in the %s partition, not account %s in %s%s: nothing was '
                       'changed.' % (reached_account or '(unknown)', arn_partition(reached) if ':' in reached else '?',
                                     account_id, partition, ' (assuming %s)' % assume_role_arn if assume_role_arn
                                     else ''))
    return session.client('iam', region_name=region, endpoint_url=endpoint_url, config=config)


def _tags(items):
    return dict((tag.get('Key'), tag.get('Value')) for tag in items or [] if isinstance(tag, dict))


def _tag_list(tags):
    return [{'Key': key, 'Value': value} for key, value in sorted(tags.items())]


def _document(value):
    """A policy document as a dict, whether boto3 decoded it or not."""
    if isinstance(value, str):
        try:
            from urllib.parse import unquote

            return json.loads(unquote(value))
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def _normal(value):
    """value with one-element lists as their element, so that IAM's ways of writing a document compare equal."""
    if isinstance(value, dict):
        return dict((key, _normal(item)) for key, item in value.items())
    if isinstance(value, list):
        items = [_normal(item) for item in value]
        return items[0] if len(items) == 1 else sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def same_document(one, other):
    return _normal(_document(one)) == _normal(_document(other))


class RoleSpec:
    """What a task asks of the IAM side in one account.

    documents: the permission policy documents, in order; they are written as <policy_name>-1, -2 ...
    security_audit: whether AWS's SecurityAudit is attached (the integration collects for Cloud Security).
    The guardrails many organizations require through SCPs, each left as IAM holds it when None: path (of the role
    and its policies, set on create only: IAM cannot move them), boundary (the permissions boundary's ARN; '' removes
    it), max_session_duration (seconds), tags (added to the role and to each policy, beside the collection's own).
    """

    def __init__(self, account_id, partition, role_name, site, trust_policy, documents, policy_name=None,
                 security_audit=False, adopt=False, path=None, boundary=None, max_session_duration=None, tags=None):
        self.account_id = account_id
        self.partition = partition
        self.role_name = role_name
        self.site = site
        self.trust_policy = trust_policy
        self.documents = list(documents)
        self.policy_name = policy_name or role_name + 'Policy'
        self.security_audit = security_audit
        self.adopt = adopt
        self.path = path or '/'
        self.boundary = boundary
        self.max_session_duration = max_session_duration
        self.tags = dict(tags or {})

    def policy_names(self):
        return ['%s-%d' % (self.policy_name, number) for number in range(1, len(self.documents) + 1)]

    def policy_arn(self, name):
        return 'arn:%s:iam::%s:policy%s%s' % (self.partition, self.account_id, self.path, name)

    def aws_policy_arn(self, name):
        return 'arn:%s:iam::aws:policy/%s' % (self.partition, name)

    def role_tags(self):
        return dict(self.tags, **{MARK_KEY: MARK_VALUE, SITE_KEY: self.site})

    def policy_tags(self):
        return dict(self.tags, **{MARK_KEY: MARK_VALUE, ROLE_KEY: self.role_name, SITE_KEY: self.site})


def check_guardrails(path=None, boundary=None, max_session_duration=None, tags=None, partition='aws'):
    """Refuse, naming the option, guardrails IAM would refuse, or tags that would pass for the collection's mark."""
    errors = []
    if path is not None and not re.fullmatch(r'/(?:[\x21-\x7e]+/)?', path) or len(path or '') > 512:
        errors.append('role_path must start and end with / and hold printable ASCII only, at most 512 characters, '
                      'got %r.' % path)
    if boundary and not re.fullmatch(r'arn:%s:iam::(?:aws|[0-9]{12}):policy/[\x21-\x7e]+' % re.escape(partition),
                                     boundary):
        errors.append('permissions_boundary must be the ARN of a managed policy in the %s partition, got %r.'
                      % (partition, boundary))
    if max_session_duration is not None and not 3600 <= max_session_duration <= 43200:
        errors.append('max_session_duration must be 3600 to 43200 seconds, got %r.' % max_session_duration)
    for key, value in (tags or {}).items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.lower().startswith(('aws:', 'ddog.aws:')):
            errors.append('iam_tags keys must be 1 to 128 characters and not begin with aws: or ddog.aws: (the '
                          'collection\'s mark), got %r.' % (key,))
        elif not isinstance(value, str) or len(value) > 256:
            errors.append('iam_tags values must be strings of at most 256 characters (the value of %s is not).' % key)
    if len(tags or {}) > 50 - 5:
        errors.append('iam_tags may hold at most 45 tags (IAM allows 50, and the collection writes up to 5).')
    if errors:
        raise InvalidValue(' '.join(errors))


class RoleState:
    """The role as IAM holds it, read with as few requests as the question needs."""

    def __init__(self, role, attached):
        self.role = role
        self.attached = attached  # [{'PolicyName', 'PolicyArn'}]
        self.tags = _tags(role.get('Tags')) if role else {}

    @property
    def exists(self):
        return self.role is not None

    @property
    def marked(self):
        return self.tags.get(MARK_KEY) == MARK_VALUE

    @property
    def legacy(self):
        """Written by 0.2.0: no mark, and the description it wrote."""
        return self.exists and not self.marked and self.role.get('Description') == LEGACY_ROLE_DESCRIPTION

    def attached_arns(self):
        return [policy['PolicyArn'] for policy in self.attached]

    def recorded_versions(self):
        return (self.tags.get(VERSIONS_KEY) or '').split()

    def ours_attached(self):
        """AWS managed policies the collection recorded attaching."""
        return (self.tags.get(ATTACHED_KEY) or '').split()


class IAMSide:
    """The role of one account, read, planned and changed with one boto3 IAM client.

    Every write goes through _write, which check mode turns into a description only (self.actions). What the role
    holds after the run, as far as this collection decides it, is kept for the diff: after_attached, and
    documents_before for the policies it read.
    """

    def __init__(self, iam, spec, check_mode=False):
        self.iam = iam
        self.spec = spec
        self.check_mode = check_mode
        self.actions = []
        self.warnings = []
        self.adopted = False
        self.inline_policies = []
        self.documents_before = {}
        self.after_attached = []
        self.after_tags = {}

    # --- reading ---------------------------------------------------------------------------------------------

    def _call(self, operation, **kwargs):
        function = getattr(self.iam, re.sub(r'(?<!^)(?=[A-Z])', '_', operation).lower())
        return aws_call(self.spec.account_id, operation, function, **kwargs)

    def _write(self, description, operation, **kwargs):
        """One write, described in self.actions; check mode describes it and sends nothing."""
        answer = None if self.check_mode else self._call(operation, **kwargs)
        self.actions.append(description)
        return answer

    def _listing(self, operation, key, **kwargs):
        """One page of a listing that IAM bounds well below _PAGE_SIZE; more is refused, not paged through."""
        answer = self._call(operation, MaxItems=_PAGE_SIZE, **kwargs)
        if answer.get('IsTruncated'):
            raise AWSError('AWS %s in account %s answered more than %d items, more than IAM allows; refusing to go '
                           'on.' % (operation, self.spec.account_id, _PAGE_SIZE))
        items = answer.get(key)
        return items if isinstance(items, list) else []

    def read(self):
        try:
            role = self._call('GetRole', RoleName=self.spec.role_name)['Role']
        except AWSError as error:
            if error.code == 'NoSuchEntity':
                return RoleState(None, [])
            raise
        attached = self._listing('ListAttachedRolePolicies', 'AttachedPolicies', RoleName=self.spec.role_name)
        return RoleState(role, [policy for policy in attached if isinstance(policy, dict) and policy.get('PolicyArn')])

    def _policy(self, arn):
        """GetPolicy, or None when there is none at arn."""
        try:
            return self._call('GetPolicy', PolicyArn=arn)['Policy']
        except AWSError as error:
            if error.code == 'NoSuchEntity':
                return None
            raise

    def _document_of(self, arn, hinted_version):
        """The default version's document: one request when the hint names it, two otherwise."""
        if hinted_version:
            try:
                version = self._call('GetPolicyVersion', PolicyArn=arn, VersionId=hinted_version)['PolicyVersion']
                if version.get('IsDefaultVersion'):
                    return version.get('Document'), hinted_version
            except AWSError as error:
                if error.code != 'NoSuchEntity':
                    raise
        policy = self._policy(arn)
        if policy is None:
            return None, None
        default = policy.get('DefaultVersionId')
        version = self._call('GetPolicyVersion', PolicyArn=arn, VersionId=default)['PolicyVersion']
        return version.get('Document'), default

    def _owns_policy(self, policy):
        """Whether a policy is this role's: marked for it, or written by 0.2.0 (its description) for a role of ours."""
        tags = _tags(policy.get('Tags'))
        if tags.get(MARK_KEY) == MARK_VALUE:
            return tags.get(ROLE_KEY) == self.spec.role_name
        return LEGACY_POLICY_WORDS in (policy.get('Description') or '')

    def _candidate(self, attached):
        """Whether an attached policy may be one this collection wrote for the role (by its name and path)."""
        arn, name = attached['PolicyArn'], attached.get('PolicyName') or ''
        stem = _NUMBERED.sub('', name)
        return (_NUMBERED.search(name) is not None and stem in (self.spec.policy_name, LEGACY_POLICY_NAME)
                and arn.startswith('arn:%s:iam::%s:policy/' % (self.spec.partition, self.spec.account_id)))

    # --- ownership -------------------------------------------------------------------------------------------

    def check_owner(self, state, for_teardown=False):
        """Refuse, before any write, a role this collection did not make, unless the task adopts it (present only)."""
        spec = self.spec
        if not state.exists:
            return
        if state.marked and state.tags.get(SITE_KEY) not in (None, spec.site):
            if spec.adopt and not for_teardown:
                self.adopted = True
                return
            raise AWSError(
                'The IAM role %s in account %s was written by ddog.aws for Datadog site %s, not %s: two Datadog '
                'organizations cannot share one role. Use another role name for this one%s. Nothing was changed.'
                % (spec.role_name, spec.account_id, state.tags.get(SITE_KEY), spec.site,
                   '' if for_teardown else ', or adopt the role to move it to this site'))
        if state.marked or state.legacy:
            if state.role.get('Path', '/') != spec.path:
                raise AWSError('The IAM role %s in account %s is in path %s, not %s; IAM cannot move a role. '
                               'Nothing was changed.' % (spec.role_name, spec.account_id, state.role.get('Path'),
                                                         spec.path))
            return
        if spec.adopt and not for_teardown:
            self.adopted = True
            return
        raise AWSError(
            'The IAM role %s exists in account %s and was not created by ddog.aws (it has no %s tag). Refusing to %s '
            'it. %sNothing was changed.' % (
                spec.role_name, spec.account_id, MARK_KEY, 'delete' if for_teardown else 'change',
                'Delete it yourself if it is no longer used, or leave it. ' if for_teardown else
                'To let ddog.aws manage it (its trust policy replaced by Datadog\'s, Datadog\'s policies attached, '
                'other policies left as they are), adopt it (adopt: true, or integration_role_adopt: true); or choose '
                'another role name. '))

    # --- present ---------------------------------------------------------------------------------------------

    def present(self, state):
        """Bring the role to the spec; the role's ARN."""
        spec = self.spec
        self.check_owner(state)
        if self.adopted:
            self._report_others(state)
        self.after_attached = list(state.attached_arns())
        if not state.exists:
            # Everything an SCP may require of a role is set as CreateRole creates it, not a moment later.
            optional = dict((name, value) for name, value in (('PermissionsBoundary', spec.boundary),
                                                              ('MaxSessionDuration', spec.max_session_duration))
                            if value)
            self._write('create the role %s' % spec.role_name, 'CreateRole', RoleName=spec.role_name, Path=spec.path,
                        AssumeRolePolicyDocument=json.dumps(spec.trust_policy), Description=ROLE_DESCRIPTION,
                        Tags=_tag_list(spec.role_tags()), **optional)
        else:
            if state.legacy:
                self._remove_legacy_instance_profile()
            if not same_document(state.role.get('AssumeRolePolicyDocument'), spec.trust_policy):
                self._write('replace the trust policy of %s' % spec.role_name, 'UpdateAssumeRolePolicy',
                            RoleName=spec.role_name, PolicyDocument=json.dumps(spec.trust_policy))
            self._guardrails(state)
        tags = dict(spec.role_tags())
        tags[VERSIONS_KEY] = ' '.join(self._write_policies(state))
        for orphan in self._orphans(state, len(spec.documents) + 1):
            self._remove_policy(orphan, attached=False)
        security_audit = self._attach_aws_managed(state)
        self._retag(state, tags)
        if security_audit:
            self.after_tags[ATTACHED_KEY] = SECURITY_AUDIT
        else:
            self.after_tags.pop(ATTACHED_KEY, None)
        if state.exists:
            return state.role['Arn']
        return 'arn:%s:iam::%s:role%s%s' % (spec.partition, spec.account_id, spec.path, spec.role_name)

    def _guardrails(self, state):
        """The permissions boundary and the maximum session duration of an existing role, where the spec sets them."""
        spec = self.spec
        held_boundary = (state.role.get('PermissionsBoundary') or {}).get('PermissionsBoundaryArn') or ''
        if spec.boundary is not None and spec.boundary != held_boundary:
            if spec.boundary:
                self._write('set the permissions boundary of %s' % spec.role_name, 'PutRolePermissionsBoundary',
                            RoleName=spec.role_name, PermissionsBoundary=spec.boundary)
            else:
                self._write('remove the permissions boundary of %s' % spec.role_name, 'DeleteRolePermissionsBoundary',
                            RoleName=spec.role_name)
        if spec.max_session_duration and spec.max_session_duration != state.role.get('MaxSessionDuration'):
            self._write('set the maximum session duration of %s' % spec.role_name, 'UpdateRole',
                        RoleName=spec.role_name, MaxSessionDuration=spec.max_session_duration)

    def _retag(self, state, tags):
        """Write the tags on the role that differ: the collection's, and those the task gives (iam_tags), which go
        on each of the role's policies too. Tags others set are left as they are.

        The versions hint alone never causes a write, so a rerun writes nothing; a stale hint only costs reads.
        """
        spec = self.spec
        held = state.tags if state.exists else spec.role_tags()
        changed = dict((key, value) for key, value in tags.items() if value and held.get(key) != value)
        if changed and (set(changed) != {VERSIONS_KEY} or self.actions):
            self._write('tag the role %s (%s)' % (spec.role_name, ', '.join(sorted(changed))), 'TagRole',
                        RoleName=spec.role_name, Tags=_tag_list(changed))
            held = dict(held, **changed)
        retagged = dict((key, value) for key, value in spec.tags.items() if key in changed)
        if retagged and state.exists:
            # The role carries the task's tags as its policies do; a change shows on the role, read with it anyway.
            for name in spec.policy_names():
                self._write('tag the policy %s (%s)' % (name, ', '.join(sorted(retagged))), 'TagPolicy',
                            PolicyArn=spec.policy_arn(name), Tags=_tag_list(retagged))
        self.after_tags = dict(held)

    def _report_others(self, state):
        """On adoption: what the role holds that is not Datadog's, said rather than left silently in force."""
        spec = self.spec
        if not state.exists:
            return
        self.inline_policies = sorted(self._listing('ListRolePolicies', 'PolicyNames', RoleName=spec.role_name))
        ours = [spec.policy_arn(name) for name in spec.policy_names()]
        others = sorted(arn for arn in state.attached_arns() if arn not in ours)
        if self.inline_policies:
            self.warnings.append(
                'Adopted the IAM role %s in account %s, which has inline policies ddog.aws did not write and left in '
                'force: %s. Datadog can use what they allow; delete them if it should not.'
                % (spec.role_name, spec.account_id, ', '.join(self.inline_policies)))
        if others:
            self.warnings.append('Adopted the IAM role %s in account %s with managed policies ddog.aws did not attach, '
                                 'left attached: %s.' % (spec.role_name, spec.account_id, ', '.join(others)))

    def _write_policies(self, state):
        """Each permission document as the policy <policy_name>-N attached to the role; ours beyond them removed.

        Returns the default version of each, in order, for the hint.
        """
        spec = self.spec
        attached = state.attached_arns()
        hints = state.recorded_versions()
        versions = []
        for index, (name, document) in enumerate(zip(spec.policy_names(), spec.documents)):
            arn = spec.policy_arn(name)
            if arn not in attached:
                versions.append(self._create_policy(arn, name, document))
                continue
            if state.legacy or self.adopted:
                policy = self._policy(arn)
                if policy is not None and self._owns_policy(policy):
                    self._mark_policy(policy)
            held, version = self._document_of(arn, hints[index] if index < len(hints) else None)
            self.documents_before[name] = _document(held) if held is not None else None
            if held is not None and same_document(held, document):
                versions.append(version)
            else:
                versions.append(self._update_policy(arn, name, document, attached=True))
        wanted = [spec.policy_arn(name) for name in spec.policy_names()]
        for attached_policy in state.attached:
            if attached_policy['PolicyArn'] not in wanted and self._candidate(attached_policy):
                found = self._policy(attached_policy['PolicyArn'])
                if found is not None and self._owns_policy(found):
                    self._remove_policy(found)
        return versions

    def _update_policy(self, arn, name, document, attached):
        """A new default version of a policy of ours; refused for one that is not ours."""
        policy = self._policy(arn)
        if policy is None or not self._owns_policy(policy):
            where = 'attached to' if attached else 'meant for'
            raise AWSError(
                'The managed policy %s %s the IAM role %s in account %s was not written by ddog.aws for this role, and '
                'its permissions differ from Datadog\'s. Refusing to change it: detach it, or set another policy name. '
                'Nothing more was changed in IAM.' % (arn, where, self.spec.role_name, self.spec.account_id))
        self._mark_policy(policy)
        # IAM keeps at most 5 versions: the ones that are not the default go first (the collection keeps none).
        for version in self._listing('ListPolicyVersions', 'Versions', PolicyArn=arn)[:MAX_POLICY_VERSIONS]:
            if not version.get('IsDefaultVersion'):
                self._write('delete the old version %s of %s' % (version.get('VersionId'), name),
                            'DeletePolicyVersion', PolicyArn=arn, VersionId=version.get('VersionId'))
        answer = self._write('write Datadog\'s current permissions into %s' % name, 'CreatePolicyVersion',
                             PolicyArn=arn, PolicyDocument=json.dumps(document, separators=(',', ':')),
                             SetAsDefault=True)
        if not attached:
            self._attach(arn, name)
        return (answer or {}).get('PolicyVersion', {}).get('VersionId') or ''

    def _mark_policy(self, policy):
        """Mark a policy of ours that is not marked yet (written by 0.2.0, or marked for another site)."""
        tags = _tags(policy.get('Tags'))
        missing = dict((key, value) for key, value in self.spec.policy_tags().items() if tags.get(key) != value)
        if missing:
            self._write('tag the policy %s' % policy.get('PolicyName'), 'TagPolicy', PolicyArn=policy['Arn'],
                        Tags=_tag_list(missing))

    def _create_policy(self, arn, name, document):
        """Create and attach a policy; one already at arn is taken only when marked for this role."""
        spec = self.spec
        try:
            answer = self._write('create the policy %s' % name, 'CreatePolicy', PolicyName=name, Path=spec.path,
                                 PolicyDocument=json.dumps(document, separators=(',', ':')),
                                 Description=POLICY_DESCRIPTION, Tags=_tag_list(spec.policy_tags()))
        except AWSError as error:
            if error.code != 'EntityAlreadyExists':
                raise
            return self._take_back(arn, name, document)
        self._attach(arn, name)
        return (answer or {}).get('Policy', {}).get('DefaultVersionId') or 'v1'

    def _take_back(self, arn, name, document):
        """A policy at the ARN this run would create: written for this role by a run interrupted before it attached
        it (its mark says so), it is attached; anything else there is refused."""
        spec = self.spec
        existing = self._policy(arn)
        tags = _tags(existing.get('Tags')) if existing else {}
        if tags.get(MARK_KEY) != MARK_VALUE or tags.get(ROLE_KEY) != spec.role_name:
            raise AWSError(
                'A managed policy named %s already exists in account %s and was not written by ddog.aws for the role '
                '%s. Refusing to use or change it: set another policy name (policy_name, or '
                'integration_role_policy_name). Nothing more was changed in IAM.' % (name, spec.account_id, spec.role_name))
        held, version = self._document_of(arn, existing.get('DefaultVersionId'))
        if held is not None and same_document(held, document):
            self._attach(arn, name)
            return version
        return self._update_policy(arn, name, document, attached=False)

    def _attach(self, arn, name):
        self._write('attach the policy %s to %s' % (name, self.spec.role_name), 'AttachRolePolicy',
                    RoleName=self.spec.role_name, PolicyArn=arn)
        self.after_attached.append(arn)

    def _detach(self, arn, description):
        self._write(description, 'DetachRolePolicy', RoleName=self.spec.role_name, PolicyArn=arn)
        self.after_attached = [other for other in self.after_attached if other != arn]

    def _remove_policy(self, policy, attached=True):
        """Detach a policy of ours from the role; delete it unless something else uses it too."""
        spec = self.spec
        name, arn = policy.get('PolicyName'), policy['Arn']
        if attached:
            self._detach(arn, 'detach the policy %s from %s' % (name, spec.role_name))
        if (policy.get('AttachmentCount') or 0) > (1 if attached else 0):
            self.warnings.append('The policy %s is attached to other IAM entities too; it was detached from %s, not '
                                 'deleted.' % (arn, spec.role_name))
            return
        for version in self._listing('ListPolicyVersions', 'Versions', PolicyArn=arn)[:MAX_POLICY_VERSIONS]:
            if not version.get('IsDefaultVersion'):
                self._write('delete the old version %s of %s' % (version.get('VersionId'), name),
                            'DeletePolicyVersion', PolicyArn=arn, VersionId=version.get('VersionId'))
        self._write('delete the policy %s' % name, 'DeletePolicy', PolicyArn=arn)

    def _attach_aws_managed(self, state):
        """AWS's SecurityAudit when the spec asks for it, detached when not and the collection attached it.

        The role records it (ddog.aws:attached) before attaching it and forgets it after detaching it, so that an
        interruption never leaves it attached without the record that it is the collection's. Returns whether the
        role records it after the run.
        """
        spec = self.spec
        recorded = SECURITY_AUDIT in state.ours_attached()
        arn = spec.aws_policy_arn(SECURITY_AUDIT)
        attached = arn in state.attached_arns()
        if spec.security_audit and not attached:
            if not recorded:
                self._write('tag the role %s (%s)' % (spec.role_name, ATTACHED_KEY), 'TagRole',
                            RoleName=spec.role_name, Tags=_tag_list({ATTACHED_KEY: SECURITY_AUDIT}))
            self._attach(arn, 'AWS\'s %s' % SECURITY_AUDIT)
            return True
        if not spec.security_audit and recorded:
            if attached:
                self._detach(arn, 'detach AWS\'s %s from %s' % (SECURITY_AUDIT, spec.role_name))
            self._write('untag the role %s (%s)' % (spec.role_name, ATTACHED_KEY), 'UntagRole',
                        RoleName=spec.role_name, TagKeys=[ATTACHED_KEY])
            return False
        return recorded

    def _orphans(self, state, first):
        """Policies of this role that an interrupted run detached but did not delete: at the ARNs the role's own
        record (its versions hint) names from number first on, marked for this role and attached to nothing."""
        found = []
        attached = state.attached_arns()
        for number in range(first, min(len(state.recorded_versions()), MAX_ATTACHED) + 1):
            arn = self.spec.policy_arn('%s-%d' % (self.spec.policy_name, number))
            if arn in attached:
                continue
            policy = self._policy(arn)
            tags = _tags(policy.get('Tags')) if policy else {}
            if policy and tags.get(MARK_KEY) == MARK_VALUE and tags.get(ROLE_KEY) == self.spec.role_name \
                    and not policy.get('AttachmentCount'):
                found.append(policy)
        return found

    def _instance_profiles(self):
        return self._listing('ListInstanceProfilesForRole', 'InstanceProfiles', RoleName=self.spec.role_name)

    def _remove_legacy_instance_profile(self):
        """0.2.0 made an instance profile named as the role, holding only it: it goes. Any other stays."""
        for profile in self._instance_profiles():
            if self._is_legacy_profile(profile):
                self._delete_instance_profile(profile)

    def _is_legacy_profile(self, profile):
        roles = [role.get('RoleName') for role in profile.get('Roles') or []]
        return profile.get('InstanceProfileName') == self.spec.role_name and roles == [self.spec.role_name]

    def _delete_instance_profile(self, profile):
        name = profile.get('InstanceProfileName')
        self._write('remove %s from the instance profile %s' % (self.spec.role_name, name),
                    'RemoveRoleFromInstanceProfile', InstanceProfileName=name, RoleName=self.spec.role_name)
        self._write('delete the instance profile %s (made by ddog.aws 0.2.0)' % name, 'DeleteInstanceProfile',
                    InstanceProfileName=name)

    # --- what a diff shows --------------------------------------------------------------------------------------

    def before_view(self, state):
        """The role as it was: path, trust policy, permissions boundary, maximum session duration, the tags the
        collection manages, every managed policy attached, and the documents of the collection's policies it read."""
        if not state.exists:
            return {}
        role = state.role
        return self._view(role.get('Path', '/'), _document(role.get('AssumeRolePolicyDocument')),
                          (role.get('PermissionsBoundary') or {}).get('PermissionsBoundaryArn'),
                          role.get('MaxSessionDuration'), state.tags, state.attached_arns(), self.documents_before)

    def after_view(self, state):
        """The role as the run leaves it (in check mode, as a real run would)."""
        spec, role = self.spec, state.role or {}
        boundary = (role.get('PermissionsBoundary') or {}).get('PermissionsBoundaryArn')
        return self._view(spec.path, spec.trust_policy, boundary if spec.boundary is None else spec.boundary or None,
                          spec.max_session_duration or role.get('MaxSessionDuration') or 3600, self.after_tags,
                          self.after_attached, dict(zip(spec.policy_names(), spec.documents)))

    def _view(self, path, trust, boundary, max_session_duration, tags, attached, documents):
        shown = OUR_KEYS + tuple(self.spec.tags)
        return {
            'role': {'name': self.spec.role_name, 'path': path, 'trust_policy': trust,
                     'permissions_boundary': boundary, 'max_session_duration': max_session_duration,
                     'tags': dict((key, value) for key, value in sorted(tags.items()) if key in shown)},
            'managed_policies': sorted(set(attached)),
            'policy_documents': dict((name, document) for name, document in documents.items() if document),
        }

    # --- absent ----------------------------------------------------------------------------------------------

    def plan_absent(self, state):
        """Read what a teardown needs and refuse what it must not delete, before anything is written anywhere."""
        spec = self.spec
        self.check_owner(state, for_teardown=True)
        if not state.exists:
            return None
        inline = sorted(self._listing('ListRolePolicies', 'PolicyNames', RoleName=spec.role_name))
        if inline:
            raise AWSError(
                'The IAM role %s in account %s has inline policies ddog.aws did not write: %s. Deleting the role would '
                'delete them; refusing. Delete them yourself first (or keep the role). Nothing was changed.'
                % (spec.role_name, spec.account_id, ', '.join(inline)))
        ours = []
        for attached in state.attached:
            if self._candidate(attached):
                policy = self._policy(attached['PolicyArn'])
                if policy is not None and self._owns_policy(policy):
                    ours.append(policy)
        return ours, self._orphans(state, 1), self._instance_profiles()

    def absent(self, state, plan):
        """Delete the role: its own policies (detached, and deleted when nothing else uses them), then the role."""
        spec = self.spec
        if plan is None:
            return
        ours, orphans, profiles = plan
        our_arns = [policy['Arn'] for policy in ours]
        for policy in ours:
            self._remove_policy(policy)
        for policy in orphans:
            self._remove_policy(policy, attached=False)
        for arn in state.attached_arns():
            if arn not in our_arns:
                self._detach(arn, 'detach %s from %s (the policy stays)' % (arn, spec.role_name))
        for profile in profiles:
            if state.legacy and self._is_legacy_profile(profile):
                self._delete_instance_profile(profile)
            else:
                self._write('remove %s from the instance profile %s (the profile stays)'
                            % (spec.role_name, profile.get('InstanceProfileName')), 'RemoveRoleFromInstanceProfile',
                            InstanceProfileName=profile.get('InstanceProfileName'), RoleName=spec.role_name)
        self._write('delete the role %s' % spec.role_name, 'DeleteRole', RoleName=spec.role_name)


def check_policy_name(name, count):
    """Refuse a policy name IAM would refuse once numbered (-1 ... -count)."""
    if not re.fullmatch(r'[A-Za-z0-9+=,.@_-]+', name or '') or len('%s-%d' % (name, count)) > 128:
        raise InvalidValue('policy_name must be 1 to %d letters, digits and +=,.@_- (IAM allows 128 characters with '
                           'the number the policies get), got %r.' % (127 - len(str(count)), name))
