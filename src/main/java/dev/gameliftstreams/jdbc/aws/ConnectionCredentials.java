package dev.gameliftstreams.jdbc.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A connection's credentials: explicit keys, a named profile or the SDK's default chain (every source the AWS CLI
 * v2 accepts: SSO, assumed roles, web identity, credential_process, containers, instance profiles), optionally with
 * a role assumed on top through the regional STS endpoint. Failures become one clear line that never carries a
 * secret (see {@link CredentialsFailures}); {@link #close()} closes the STS and SSO clients the providers hold.
 */
public final class ConnectionCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

  /** The role the {@code roleArn} property assumes on top of the configured credentials. */
  public record Role(String arn, String externalId, String sessionName) {
    /** The role's account ({@code arn:PARTITION:iam::ACCOUNT:role/NAME}): AssumeRole hands out its credentials. */
    public String account() {
      return arn.split(":")[4];
    }
  }

  /** What a failure names: the profile the connection reads (null: the default chain) and the role on top. */
  record Source(boolean explicitKeys, String profile, Role role) {
  }

  private final Source source;
  private final AwsCredentialsProvider base;
  private final StsClient sts;
  private final StsAssumeRoleCredentialsProvider assumed;

  ConnectionCredentials(Source source, AwsCredentialsProvider base, String stsRegion) {
    this.source = source;
    this.base = base;
    if (source.role() == null) {
      this.sts = null;
      this.assumed = null;
      return;
    }
    // The regional endpoint of the connection's first region; AWS_ENDPOINT_URL_STS still overrides it.
    this.sts = StsClient.builder()
        .region(Region.of(stsRegion))
        .credentialsProvider(() -> resolveBase(base))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
    this.assumed = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(source.role().arn()).externalId(source.role().externalId())
            .roleSessionName(source.role().sessionName()))
        .build();
  }

  /**
   * @param explicitKeys keys given as user/password (with the sessionToken property), or null
   * @param profile      the profile property, or null for the default chain
   * @param role         the role to assume on top, or null
   * @param stsRegion    the region whose STS endpoint assumes {@code role}
   */
  public static ConnectionCredentials of(AwsCredentials explicitKeys, String profile, Role role, String stsRegion) {
    AwsCredentialsProvider base = explicitKeys != null ? StaticCredentialsProvider.create(explicitKeys)
        : profile != null ? ProfileCredentialsProvider.create(profile)
        : DefaultCredentialsProvider.builder().build();
    return new ConnectionCredentials(new Source(explicitKeys != null, explicitKeys != null ? null : profile, role),
        base, stsRegion);
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return assumed != null ? assumed.resolveCredentials() : base.resolveCredentials();
    } catch (RuntimeException e) {
      String message = CredentialsFailures.explain(e, source);
      throw SdkClientException.create(message, new CredentialsFailure(message, e));
    }
  }

  /** The base credentials, failures marked so that they are not taken for a refused AssumeRole. */
  private static AwsCredentials resolveBase(AwsCredentialsProvider base) {
    try {
      return base.resolveCredentials();
    } catch (RuntimeException e) {
      throw new CredentialsFailures.BaseFailure(e);
    }
  }

  /** The account these credentials read when they are an assumed role's, known without asking STS; else null. */
  String roleAccount() {
    return source.role() == null ? null : source.role().account();
  }

  @Override
  public void close() {
    IoUtils.closeQuietly(assumed, null);
    IoUtils.closeQuietly(sts, null);
    IoUtils.closeIfCloseable(base, null);
  }

  @Override
  public String toString() {
    return "ConnectionCredentials[" + (source.explicitKeys() ? "user/password"
        : source.profile() != null ? "profile " + source.profile() : "default chain")
        + (source.role() != null ? ", role " + source.role().arn() : "") + "]";
  }
}
