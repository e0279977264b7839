package dev.gameliftstreams.jdbc.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Turns a credentials provider's failure into one line that says what to do: an expired IAM Identity Center login
 * names the profile to log in again, a refused AssumeRole names the role and STS's message, a failing
 * credential_process shows its first line of stderr, an empty chain lists what was tried. The SDK's messages never
 * hold a secret; the lines built here quote only names, ARNs, error codes and service messages.
 */
final class CredentialsFailures {

  /** A failure of the credentials a role is assumed with, as opposed to STS refusing the role. */
  static final class BaseFailure extends RuntimeException {
    BaseFailure(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private static final Pattern PROCESS_EXIT =
      Pattern.compile("Command returned non-zero exit value \\((-?\\d+)\\) with error message: ?(.*)", Pattern.DOTALL);
  private static final String SSO_SESSION = "sso_session";

  private CredentialsFailures() {
  }

  static String explain(RuntimeException failure, ConnectionCredentials.Source source) {
    Throwable base = find(failure, BaseFailure.class);
    if (source.role() != null && base == null) {
      Optional<AwsServiceException> sts = service(failure, StsException.class);
      if (sts.isPresent()) {
        return refusedRole(source.role().arn(), "roleArn property", sts.get());
      }
      return "Cannot assume role " + source.role().arn() + " (roleArn property): " + firstLine(deepest(failure));
    }
    Throwable cause = base != null ? base.getCause() : failure;
    String explained = explainBase(cause, source);
    return base != null ? explained + " (needed to assume role " + source.role().arn() + ")" : explained;
  }

  private static String explainBase(Throwable failure, ConnectionCredentials.Source source) {
    if (source.explicitKeys()) {
      return "The access key given as user/password was not usable: " + firstLine(deepest(failure));
    }
    String profileName = source.profile() != null ? source.profile()
        : ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
    List<Profile> chain = profileChain(profileName);
    String message = String.valueOf(failure.getMessage());

    Optional<AwsServiceException> sts = service(failure, StsException.class);
    if (sts.isPresent()) {
      return refusedRole(roleOf(chain, sts.get()), "profile '" + profileName + "'", sts.get());
    }
    Optional<Profile> sso = chain.stream().filter(CredentialsFailures::isSso).findFirst();
    if (sso.isPresent() && isSsoLoginProblem(failure)) {
      String name = sso.get().name();
      return "The IAM Identity Center (SSO) login of profile '" + name + "' has expired or is missing: run "
          + "`aws sso login --profile " + name + "` and retry";
    }
    if (sso.isPresent() && (service(failure, SsoException.class).isPresent()
        || service(failure, SsoOidcException.class).isPresent())) {
      return "IAM Identity Center (SSO) refused credentials for profile '" + sso.get().name() + "': "
          + serviceMessage(service(failure, AwsServiceException.class).orElseThrow());
    }
    Optional<Profile> process = chain.stream()
        .filter(p -> p.property(ProfileProperty.CREDENTIAL_PROCESS).isPresent()).findFirst();
    if (process.isPresent() && hasMessage(failure, "process-based credentials")) {
      return "credential_process of profile '" + process.get().name() + "' failed: " + processError(failure);
    }
    if (message.startsWith("Unable to load credentials from any of the providers in the chain")) {
      return "No AWS credentials found; tried: aws.accessKeyId, AWS_ACCESS_KEY_ID, web identity token, profile '"
          + profileName + "', container credentials, EC2 instance profile. Set user/password or profile=NAME, "
          + "or log in with the AWS CLI";
    }
    if (message.startsWith("Profile file contained no credentials for profile")) {
      return "Profile '" + profileName + "' has no credentials in " + files();
    }
    String where = source.profile() != null ? "profile '" + profileName + "'" : "the default credentials chain";
    return "No AWS credentials from " + where + ": " + firstLine(deepest(failure));
  }

  private static String refusedRole(String roleArn, String where, AwsServiceException e) {
    return "Cannot assume role " + roleArn + " (" + where + "): STS answered " + serviceMessage(e);
  }

  private static String serviceMessage(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return code + ": " + message + " (HTTP " + e.statusCode() + ")";
  }

  /** The role STS refused: the one of the profile chain its message names, else the selected profile's. */
  private static String roleOf(List<Profile> chain, AwsServiceException e) {
    String message = String.valueOf(e.getMessage());
    List<String> roles = new ArrayList<>();
    for (Profile p : chain) {
      p.property(ProfileProperty.ROLE_ARN).ifPresent(roles::add);
    }
    SdkSystemSetting.AWS_ROLE_ARN.getStringValue().ifPresent(roles::add);
    return roles.stream().filter(message::contains).findFirst()
        .orElse(roles.isEmpty() ? "(unknown role)" : roles.get(0));
  }

  /** The selected profile and its source_profile ancestors, as far as the files define them. */
  private static List<Profile> profileChain(String name) {
    List<Profile> chain = new ArrayList<>();
    try {
      ProfileFile file = ProfileFile.defaultProfileFile();
      for (Optional<Profile> p = file.profile(name); p.isPresent() && !chain.contains(p.get());
           p = p.get().property(ProfileProperty.SOURCE_PROFILE).flatMap(file::profile)) {
        chain.add(p.get());
      }
    } catch (RuntimeException e) {
      // An unreadable profile file: the failure is explained without it.
    }
    return chain;
  }

  private static boolean isSso(Profile p) {
    return p.property(SSO_SESSION).isPresent() || p.property(ProfileProperty.SSO_START_URL).isPresent();
  }

  /**
   * The token cache is missing, expired or unusable (the SDK reads and refreshes it before any call), or the portal
   * no longer accepts the token; not when a service refused something else or could not be reached.
   */
  private static boolean isSsoLoginProblem(Throwable failure) {
    if (service(failure, UnauthorizedException.class).isPresent()
        || find(failure, java.nio.file.NoSuchFileException.class) != null) {
      return true;
    }
    return service(failure, AwsServiceException.class).isEmpty() && find(failure, java.io.IOException.class) == null;
  }

  private static String processError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = PROCESS_EXIT.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        String stderr = firstLine(m.group(2));
        return "exit code " + m.group(1) + (stderr.isEmpty() ? "" : ": " + stderr);
      }
    }
    // Output that is not the credentials JSON is not quoted: it may hold a secret.
    Throwable deepest = deepest(failure);
    return deepest instanceof IllegalStateException || deepest instanceof IllegalArgumentException
        ? firstLine(deepest) : "its output is not the credential_process JSON (Version 1)";
  }

  private static String files() {
    return ProfileFileSystemSetting.AWS_CONFIG_FILE.getStringValue().orElse("~/.aws/config") + " and "
        + ProfileFileSystemSetting.AWS_SHARED_CREDENTIALS_FILE.getStringValue().orElse("~/.aws/credentials");
  }

  private static <T extends AwsServiceException> Optional<AwsServiceException> service(Throwable t, Class<T> type) {
    return Optional.ofNullable(find(t, type));
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static boolean hasMessage(Throwable t, String text) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable deepest(Throwable t) {
    Throwable d = t;
    while (d.getCause() != null && d.getCause() != d) {
      d = d.getCause();
    }
    return d;
  }

  private static String firstLine(Throwable t) {
    return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  private static String firstLine(String s) {
    String trimmed = s.strip();
    int nl = trimmed.indexOf('\n');
    return (nl < 0 ? trimmed : trimmed.substring(0, nl)).strip();
  }
}
