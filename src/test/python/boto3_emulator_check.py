#!/usr/bin/env python3
"""Checks the GameLift Streams emulator with the real boto3 client.

Usage: boto3_emulator_check.py ENDPOINT DATA_JSON THROTTLING_ENDPOINT FAILING_ENDPOINT

DATA_JSON is the data the emulator at ENDPOINT serves (EmulatorData.toJson()); the expected answers are
computed from it. THROTTLING_ENDPOINT answers every request with 429, FAILING_ENDPOINT with 500.
Credentials and region come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION.
Exits 1 with a message on the first mismatch.
"""
import json
import sys
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

SESSION_STATUSES = ["ACTIVATING", "ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING",
                    "TERMINATING", "TERMINATED", "ERROR"]
EXPORT_STATUSES = ["SUCCEEDED", "FAILED", "PENDING"]
# Every filter combination, None meaning "not sent".
FILTERS = [(s, e) for s in SESSION_STATUSES + [None] for e in EXPORT_STATUSES + [None]]
NO_RETRIES = {"max_attempts": 1, "mode": "standard"}


def fail(message):
    print("MISMATCH: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def client(endpoint, region, **config):
    return boto3.client("gameliftstreams", endpoint_url=endpoint, region_name=region,
                        config=Config(retries=NO_RETRIES, **config))


def filtered(sessions, status, export_status):
    return [s for s in sessions
            if (status is None or s["Status"] == status)
            and (export_status is None or s.get("ExportFilesMetadata", {}).get("Status") == export_status)]


def filter_params(status, export_status):
    params = {}
    if status:
        params["Status"] = status
    if export_status:
        params["ExportFilesStatus"] = export_status
    return params


def arns(items):
    return [item["Arn"] for item in items]


def paginate(gls, operation, page_size=100, **params):
    pages = gls.get_paginator(operation).paginate(PaginationConfig={"PageSize": page_size}, **params)
    return [item for page in pages for item in page["Items"]]


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        actual = e.response["Error"]["Code"]
        check(actual == code, f"{call.__name__}{args}{kwargs}: expected {code}, got {actual}")
        check(e.response["Error"]["Message"], f"{code} without a message")
        return
    fail(f"{call.__name__}{args}{kwargs}: expected {code}, but the call succeeded")


def millis(value):
    """Epoch milliseconds of a boto3 datetime or of a data-file timestamp (seconds with a fraction)."""
    if isinstance(value, datetime):
        delta = value - datetime.fromtimestamp(0, timezone.utc)
        return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    return int(Decimal(str(value)) * 1000)


def check_region(endpoint, region, data):
    gls = client(endpoint, region)
    sessions = data["streamSessions"]
    for status, export_status in FILTERS:
        params = filter_params(status, export_status)
        expected = arns(filtered(sessions, status, export_status))
        actual = arns(paginate(gls, "list_stream_sessions_by_account", **params))
        check(actual == expected, f"{region} by account {params}: {len(actual)} sessions, expected {len(expected)}")
        for group in data["streamGroups"]:
            in_group = [s for s in sessions if f"/{group['Id']}/" in s["Arn"]]
            expected = arns(filtered(in_group, status, export_status))
            actual = arns(paginate(gls, "list_stream_sessions", Identifier=group["Id"], **params))
            check(actual == expected, f"{region} {group['Id']} {params}: {len(actual)} sessions, expected {len(expected)}")
    check(arns(paginate(gls, "list_stream_groups", page_size=1)) == arns(data["streamGroups"]), "stream groups")
    check(arns(paginate(gls, "list_applications", page_size=2)) == arns(data["applications"]), "applications")


def check_pagination_config(gls, data):
    """MaxItems stops mid-page; StartingToken resumes exactly where it stopped."""
    expected = arns(data["streamSessions"])
    paginator = gls.get_paginator("list_stream_sessions_by_account")
    first = paginator.paginate(PaginationConfig={"PageSize": 10, "MaxItems": 37}).build_full_result()
    check(len(first["Items"]) == 37 and "NextToken" in first, "MaxItems=37 gives 37 items and a resume token")
    rest = paginator.paginate(PaginationConfig={"PageSize": 10, "StartingToken": first["NextToken"]}) \
        .build_full_result()
    check(arns(first["Items"]) + arns(rest["Items"]) == expected, "resuming from StartingToken loses or repeats items")
    pages = list(paginator.paginate(Status="ERROR", PaginationConfig={"PageSize": 7}))
    errors = len(filtered(data["streamSessions"], "ERROR", None))
    check(len(pages) == -(-errors // 7), f"{len(pages)} pages of 7 for {errors} ERROR sessions")


def check_session_fields(gls, data):
    group = data["streamGroups"][0]
    session = next(s for s in data["streamSessions"] if f"/{group['Id']}/" in s["Arn"] and "StatusReason" in s)
    answer = gls.get_stream_session(Identifier=group["Arn"], StreamSessionIdentifier=session["Arn"])
    check(answer["StreamGroupId"] == group["Id"], "GetStreamSession StreamGroupId")
    check(answer["StatusReason"] == session["StatusReason"], "GetStreamSession StatusReason")
    check(millis(answer["CreatedAt"]) == millis(session["CreatedAt"]), "CreatedAt keeps its milliseconds")
    page = gls.list_stream_sessions(Identifier=group["Id"], MaxResults=100)["Items"]
    summary = next(s for s in page if s["Arn"] == session["Arn"])
    check(summary["StatusReason"] == session["StatusReason"], "StreamSessionSummary StatusReason")
    check(millis(summary["LastUpdatedAt"]) == millis(session["LastUpdatedAt"]), "LastUpdatedAt keeps its milliseconds")
    check_list_shapes(gls, data)
    check_details(gls, data)


SUMMARY_MEMBERS = {"Arn", "UserId", "Status", "StatusReason", "Protocol", "LastUpdatedAt", "CreatedAt",
                   "ApplicationArn", "ExportFilesMetadata", "Location"}


def check_list_shapes(gls, data):
    """List items are StreamSessionSummary; the account list shows only ExportFilesMetadata.Status."""
    by_account = paginate(gls, "list_stream_sessions_by_account", ExportFilesStatus="FAILED")
    check(by_account, "some sessions have a FAILED export")
    for item in by_account:
        check(set(item) <= SUMMARY_MEMBERS, f"by-account item has more than the summary: {sorted(item)}")
        check(item["ExportFilesMetadata"] == {"Status": "FAILED"}, f"by-account export: {item['ExportFilesMetadata']}")
    group = by_account[0]["Arn"].split("/")[1]
    expected = {s["Arn"]: s for s in data["streamSessions"]}
    for item in paginate(gls, "list_stream_sessions", Identifier=group, ExportFilesStatus="FAILED"):
        check(set(item) <= SUMMARY_MEMBERS, f"group item has more than the summary: {sorted(item)}")
        check(item["ExportFilesMetadata"] == expected[item["Arn"]]["ExportFilesMetadata"], "group item export")


DETAIL_MEMBERS = ["Description", "ConnectionTimeoutSeconds", "SessionLengthSeconds", "AdditionalLaunchArgs",
                  "AdditionalEnvironmentVariables", "PerformanceStatsConfiguration", "LogFileLocationUri",
                  "WebSdkProtocolUrl", "ExportFilesMetadata", "UserId", "Status", "Location", "ApplicationArn"]


def check_details(gls, data):
    """GetStreamSession answers every member the data holds, PerformanceStatsConfiguration included."""
    complete = [s for s in data["streamSessions"] if all(m in s for m in DETAIL_MEMBERS)]
    check(complete, "some sessions have every detail member")
    for session in complete[:5] + [s for s in data["streamSessions"] if not s.get("AdditionalLaunchArgs")][:2]:
        group, session_id = session["Arn"].split("/")[1:3]
        answer = gls.get_stream_session(Identifier=group, StreamSessionIdentifier=session_id)
        for member in DETAIL_MEMBERS:
            check(answer.get(member) == session.get(member), f"GetStreamSession {member}: {answer.get(member)!r}")
        check(answer["Arn"] == session["Arn"] and answer["StreamGroupId"] == group, "GetStreamSession identity")


def check_errors(endpoint, region, data, throttling_endpoint, failing_endpoint):
    gls = client(endpoint, region)
    lax = client(endpoint, region, parameter_validation=False)  # botocore checks MaxResults min/max itself
    group = data["streamGroups"][0]["Id"]
    expect_error("ValidationException", lax.list_stream_sessions_by_account, MaxResults=0)
    expect_error("ValidationException", lax.list_stream_sessions, Identifier=group, MaxResults=101)
    expect_error("ValidationException", gls.list_stream_sessions_by_account, Status="BOGUS")
    expect_error("ValidationException", gls.list_stream_sessions, Identifier=group, ExportFilesStatus="DONE")
    expect_error("ValidationException", gls.list_stream_sessions, Identifier="sg bad!")
    expect_error("ValidationException", gls.get_stream_session, Identifier=group, StreamSessionIdentifier="x" * 129)
    expect_error("ValidationException", gls.list_stream_sessions_by_account, NextToken="garbage")
    active_token = gls.list_stream_sessions_by_account(Status="ACTIVE", MaxResults=1)["NextToken"]
    expect_error("ValidationException", gls.list_stream_sessions_by_account, Status="ERROR", NextToken=active_token)
    expect_error("ValidationException", gls.list_stream_sessions, Identifier=group, NextToken=active_token)
    expect_error("ResourceNotFoundException", gls.list_stream_sessions, Identifier="sg-000000000")
    expect_error("ResourceNotFoundException", gls.get_stream_session, Identifier=group,
                 StreamSessionIdentifier="ABC123def4567")
    unsigned = client(endpoint, region, signature_version=UNSIGNED)
    expect_error("AccessDeniedException", unsigned.list_stream_sessions_by_account)
    expect_error("ThrottlingException", client(throttling_endpoint, region).list_stream_sessions_by_account)
    expect_error("InternalServerException", client(failing_endpoint, region).list_stream_groups)


def check_all(endpoint, data, throttling_endpoint, failing_endpoint):
    for region, region_data in data["regions"].items():
        check_region(endpoint, region, region_data)
    check_region(endpoint, "eu-west-1", {"streamSessions": [], "streamGroups": [], "applications": []})
    west = data["regions"]["us-west-2"]
    gls = boto3.client("gameliftstreams", endpoint_url=endpoint)  # region from AWS_DEFAULT_REGION
    check_pagination_config(gls, west)
    check_session_fields(gls, west)
    check_errors(endpoint, "us-west-2", west, throttling_endpoint, failing_endpoint)


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(2)
    endpoint, data_file, throttling_endpoint, failing_endpoint = sys.argv[1:]
    with open(data_file) as f:
        data = json.load(f, parse_float=Decimal)
    try:
        check_all(endpoint, data, throttling_endpoint, failing_endpoint)
    except ClientError as e:
        fail(f"unexpected {e.response['Error']['Code']}: {e}")
    print("boto3 emulator check passed")


if __name__ == "__main__":
    main()
