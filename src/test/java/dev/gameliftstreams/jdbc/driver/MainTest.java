package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sqlline arguments of the jar's entry point; ShadedJarIT runs each case with the shaded jar. */
class MainTest {
  @Test
  void withoutUrlTheDemoIsConnectedWithoutPromptAndTablesAreWideOffATerminal() {
    assertEquals(List.of("-u", "jdbc:gameliftstreams:demo=true", "--connectInteractionMode=notAskCredentials",
        "--isolation=TRANSACTION_NONE", "--maxWidth=10000", "-f", "report.sql"),
        Main.sqllineArgs(List.of("-f", "report.sql"), false));
  }

  @Test
  void onATerminalSqllineMeasuresTheWidthItself() {
    assertEquals(List.of("-u", "jdbc:gameliftstreams:demo=true", "--connectInteractionMode=notAskCredentials",
        "--isolation=TRANSACTION_NONE"), Main.sqllineArgs(List.of(), true));
  }

  @Test
  void theUsersUrlCredentialsAndOptionsWin() {
    List<String> args = List.of("-u", "jdbc:h2:mem:x", "-n", "sa", "--isolation=TRANSACTION_READ_COMMITTED",
        "--maxwidth=120");
    assertEquals(args, Main.sqllineArgs(args, false));
  }

  @Test
  void helpConnectsNowhere() {
    assertEquals(List.of("--connectInteractionMode=notAskCredentials", "--isolation=TRANSACTION_NONE", "--help"),
        Main.sqllineArgs(List.of("--help"), true));
  }
}
