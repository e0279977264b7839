/**
 * A local, wire-compatible emulator of the Amazon GameLift Streams read API (rest-json, 2018-05-10):
 * ListStreamSessions, ListStreamSessionsByAccount, GetStreamSession, ListStreamGroups and ListApplications.
 *
 * <p>{@link dev.gameliftstreams.jdbc.emulator.Emulator#start} serves {@link dev.gameliftstreams.jdbc.emulator.EmulatorData}
 * (a data file, or seeded demo data) on 127.0.0.1; point an AWS SDK client's endpoint override (Java) or
 * {@code endpoint_url} (boto3) at {@link dev.gameliftstreams.jdbc.emulator.Emulator#endpoint()}.
 * {@link dev.gameliftstreams.jdbc.emulator.EmulatorMain} runs it from the command line.
 */
package dev.gameliftstreams.jdbc.emulator;
