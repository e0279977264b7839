package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The shapes credentials take in the lines of the signers, the HTTP headers and the wire log; the credentials
 * tests check the real lines of every credential source end to end (CredentialSourcesTest).
 */
class SecretLoggersTest {
  @Test
  void masksTheValueAndKeepsTheLine() {
    assertEquals("x-amz-security-token:****\nx-amz-target:", SecretLoggers.mask(
        "x-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVz\nx-amz-target:"));
    assertEquals("http-outgoing-0 >> \"X-Amz-Security-Token: ****[\\r][\\n]\"", SecretLoggers.mask(
        "http-outgoing-0 >> \"X-Amz-Security-Token: FwoGZXIvYXdzEBY+a/b=[\\r][\\n]\""));
    assertEquals("<SessionToken>****</SessionToken><SecretAccessKey>****</SecretAccessKey>", SecretLoggers.mask(
        "<SessionToken>FwoG+x/y=</SessionToken><SecretAccessKey>wJalr/K7MDENG</SecretAccessKey>"));
    assertEquals("{\"accessToken\": \"****\", \"refreshToken\":\"****\", \"expiresIn\": 3600}", SecretLoggers.mask(
        "{\"accessToken\": \"aoa-1\", \"refreshToken\":\"aor-2\", \"expiresIn\": 3600}"));
    assertEquals("Action=AssumeRoleWithWebIdentity&WebIdentityToken=****&Version=2011-06-15", SecretLoggers.mask(
        "Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJhbGciOi.x.y&Version=2011-06-15"));
  }

  @Test
  void leavesLinesWithoutCredentialsAlone() {
    String line = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-west-2/gameliftstreams/aws4_request";
    assertEquals(line, SecretLoggers.mask(line));
  }
}
