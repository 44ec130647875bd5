# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The connection and credential options of every ddog.aws module.
    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - Datadog API key, sent as the C(DD-API-KEY) header.
      - If not set, the environment variables E(DD_API_KEY) and then E(DATADOG_API_KEY) are read on the host that
        runs the module (the controller when the task runs on V(localhost)).
      - White space around the key, such as the trailing newline that C(echo KEY | ansible-vault encrypt_string)
        stores, is removed with a warning. A key with any other character that is not printable ASCII (a control
        character, a space inside it, a non-ASCII letter) is refused before any request, with a message that names
        the option and quotes no part of the key. The same holds for O(app_key).
    type: str
    required: true
  app_key:
    description:
      - Datadog application key, sent as the C(DD-APPLICATION-KEY) header.
      - Its scopes must allow the call the module makes; each module names the permission it needs.
      - If not set, the environment variables E(DD_APP_KEY) and then E(DATADOG_APP_KEY) are read.
    type: str
    required: true
  site:
    description:
      - The Datadog site your organization is on; the API is reached at C(https://api.<site>).
      - V(datadoghq.com) is US1, V(us3.datadoghq.com) US3, V(us5.datadoghq.com) US5, V(datadoghq.eu) EU1,
        V(ap1.datadoghq.com) AP1, V(ap2.datadoghq.com) AP2, V(uk1.datadoghq.com) UK1, V(ddog-gov.com) US1-FED and
        V(us2.ddog-gov.com) US2-FED.
      - For a site not listed here, or a proxy in front of the API, set O(api_host) instead.
      - If not set, the environment variable E(DD_SITE) is read.
    type: str
    default: datadoghq.com
    choices:
      - datadoghq.com
      - us3.datadoghq.com
      - us5.datadoghq.com
      - datadoghq.eu
      - ap1.datadoghq.com
      - ap2.datadoghq.com
      - uk1.datadoghq.com
      - ddog-gov.com
      - us2.ddog-gov.com
  api_host:
    description:
      - Full base URL of the API, such as V(https://api.datadoghq.eu). When set, it wins over O(site) for where
        requests go.
      - Must use C(https://). Plain C(http://) is refused unless the host is loopback (C(localhost), C(127.0.0.0/8),
        C(::1), written as such), so that keys never cross a network unencrypted.
      - Only a plain URL is accepted, a scheme, a host name or IP address, an optional port and path, so that the
        host this collection checks is the host the keys go to. User information (C(user:password@)), backslashes,
        white space, percent-encoding, a query or a fragment are refused, and the message never quotes the value.
      - If not set, the environment variables E(DD_HOST) and then E(DATADOG_HOST) are read.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the API.
      - Only set to V(false) against a test server you control; the keys would then go to whoever answers. The
        module warns when it is V(false).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates to verify the API's certificate with, instead of the bundle of C(requests).
      - Useful behind a TLS-inspecting proxy. Without it, C(requests) also honours E(REQUESTS_CA_BUNDLE).
    type: path
  timeout:
    description:
      - Seconds one attempt may last, from connecting to the last byte of the answer, whatever pace the server
        keeps. From V(1) to V(600).
    type: int
    default: 30
  retries:
    description:
      - How many times to retry a call that failed in a way that may pass, V(0) to never retry.
      - A C(429 Too Many Requests) answer is retried after the number of seconds in its C(X-RateLimit-Reset) header
        (plus a fraction of a second, so that parallel hosts do not all return at once), or with exponential backoff
        when that header is missing. A reset longer than 60 seconds fails at once, with a message saying so.
      - C(500), C(502), C(503), C(504), connection errors and timeouts are retried with exponential backoff
        (about 1, 2, 4, 8 ... seconds, at most 60). Other errors are never retried.
      - A call that changes something and is not safe to repeat (such as rotating an external ID) is retried after a
        C(429) or when it certainly never left, but never once it may have reached Datadog (a lost answer, a
        C(5xx), a timeout). The module then fails and says how to find out what happened. Each module documents
        its calls.
      - From V(0) to V(20). A call lasts at most (O(retries) + 1) x O(timeout) + O(retries) x 60 seconds, 8 minutes
        with the defaults.
    type: int
    default: 5
notes:
  - Proxies are taken from E(HTTPS_PROXY), E(HTTP_PROXY), E(ALL_PROXY) and E(NO_PROXY) on the host that runs the
    module. HTTPS goes through a proxy by C(CONNECT), so the proxy sees the host name but not the keys. A loopback
    O(api_host) is never reached through a proxy. Passwords in proxy URLs are never printed.
  - The keys go to the configured API host and nowhere else. Datadog's API does not redirect, so a redirect is an
    error that names the target's scheme and host, and it is not followed.
  - API and application keys are never logged, returned, or included in error messages, warnings or results, even
    when a server echoes them (escaped or not).
  - Answers larger than 64 MiB are refused without being read whole, compressed or not. That holds the account list
    of the largest AWS Organization (10,000 accounts) with every setting spelled out.
requirements:
  - requests >= 2.25.0
'''

    # The settings of an AWS account integration, as datadog_aws_account and datadog_aws_integration take them.
    ACCOUNT_SETTINGS = r'''
options:
  account_tags:
    description:
      - Tags added to every host, metric and event of the account, as C(key:value) strings.
      - Compared as a set. An empty list removes them all.
    type: list
    elements: str
  aws_regions:
    description:
      - The regions Datadog collects from. Datadog's default is every region.
    type: dict
    suboptions:
      include_all:
        description: Collect from every region.
        type: bool
      include_only:
        description: Collect from these regions only, such as V(us-east-1). Compared as a set.
        type: list
        elements: str
  metrics_config:
    description:
      - Metric collection. Each suboption left out is left as Datadog holds it.
    type: dict
    suboptions:
      enabled:
        description: Collect metrics. Datadog's default is V(true).
        type: bool
      automute_enabled:
        description: Mute monitors of EC2 instances that AWS stops or terminates on purpose. Datadog's default is V(true).
        type: bool
      collect_cloudwatch_alarms:
        description: Collect CloudWatch alarms as events. Datadog's default is V(false).
        type: bool
      collect_custom_metrics:
        description: Collect custom CloudWatch metrics. Datadog's default is V(false).
        type: bool
      namespace_filters:
        description:
          - Which CloudWatch namespaces to collect, such as V(AWS/EC2).
          - The namespaces a write sends, here, in O(metrics_config.tag_filters) and in
            O(metrics_config.metric_name_filters), are checked against Datadog's catalogue
            (M(ddog.aws.datadog_aws_catalog_info)) before the write and in check mode. One Datadog does not know fails
            the task before anything is written, naming the option and the closest namespaces Datadog knows.
          - Datadog's default excludes V(AWS/SQS), V(AWS/ElasticMapReduce) and V(AWS/Usage).
        type: dict
        suboptions:
          include_only:
            description: Collect these namespaces only. Compared as a set.
            type: list
            elements: str
          exclude_only:
            description: Collect every namespace but these. Compared as a set.
            type: list
            elements: str
      tag_filters:
        description:
          - Collect metrics only from resources with these tags, per namespace. Compared as a set.
        type: list
        elements: dict
        suboptions:
          namespace:
            description: The namespace, such as V(AWS/EC2).
            type: str
            required: true
          tags:
            description: Tags such as V(env:prod) or V(!env:staging). Compared as a set.
            type: list
            elements: str
      metric_name_filters:
        description:
          - Which metrics of a namespace to collect, by Datadog metric name, one entry per namespace. Metric name
            filters apply to the namespaces O(metrics_config.namespace_filters) lets through.
          - Compared as a set, each entry's names too. An empty list removes them all; left out, Datadog keeps what it
            holds.
          - Datadog always collects C(aws.ec2.cpuutilization) and C(aws.lambda.invocations), whatever the filters say.
        type: list
        elements: dict
        version_added: 0.3.0
        suboptions:
          namespace:
            description: The CloudWatch namespace, such as V(AWS/EC2).
            type: str
            required: true
          include_only:
            description:
              - Collect only the metrics whose Datadog name matches one of these patterns, such as
                V(aws.ec2.network_in) or V(aws.rds.aurora*).
              - Exactly one of O(metrics_config.metric_name_filters[].include_only) and
                O(metrics_config.metric_name_filters[].exclude_only), with at least one pattern. To collect no metric of
                a namespace, leave the namespace out in O(metrics_config.namespace_filters).
            type: list
            elements: str
          exclude_only:
            description:
              - Collect every metric of the namespace but those whose Datadog name matches one of these patterns.
              - At least one pattern. To collect every metric of a namespace, give it no entry.
            type: list
            elements: str
  logs_config:
    description: Log collection through Datadog's Lambda forwarder.
    type: dict
    suboptions:
      lambda_forwarder:
        description: The forwarder and what it collects.
        type: dict
        suboptions:
          lambdas:
            description: ARNs of the Datadog Forwarder Lambda functions. Compared as a set.
            type: list
            elements: str
          sources:
            description:
              - AWS services whose logs are collected, such as V(s3) or V(elbv2). Compared as a set.
              - The sources a write sends, here and in
                O(logs_config.lambda_forwarder.log_source_config.tag_filters), are checked against the log sources
                Datadog lists (M(ddog.aws.datadog_aws_catalog_info)) before the write and in check mode, as namespaces
                are.
            type: list
            elements: str
          log_source_config:
            description: Filters per log source.
            type: dict
            suboptions:
              tag_filters:
                description: Collect logs of a source only from resources with these tags. Compared as a set.
                type: list
                elements: dict
                suboptions:
                  source:
                    description: The log source, such as V(s3).
                    type: str
                    required: true
                  tags:
                    description: Tags such as V(env:prod). Compared as a set.
                    type: list
                    elements: str
  resources_config:
    description: Resource collection.
    type: dict
    suboptions:
      cloud_security_posture_management_collection:
        description: Collect resources for Cloud Security Posture Management. Datadog's default is V(false).
        type: bool
      extended_collection:
        description: Collect the extended resource set. Datadog's default is V(true).
        type: bool
  traces_config:
    description: Trace collection.
    type: dict
    suboptions:
      xray_services:
        description: Which AWS X-Ray services to collect traces from. Datadog's default is none.
        type: dict
        suboptions:
          include_all:
            description: Collect from every service.
            type: bool
          include_only:
            description: Collect from these services only, such as V(AWS/AppSync). Compared as a set.
            type: list
            elements: str
'''

    # The action group every module belongs to, for module_defaults: group/ddog.aws.datadog.
    ACTIONGROUP_DATADOG = r'''
attributes:
  action_group:
    description: Use C(group/ddog.aws.datadog) in C(module_defaults) to set the connection options once for all modules.
    support: full
    membership:
      - ddog.aws.datadog
'''

    # The attributes of a module that only reads.
    INFO_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details:
      - The module only reads, so it runs and returns the same in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: N/A
    details:
      - The module changes nothing.
'''
