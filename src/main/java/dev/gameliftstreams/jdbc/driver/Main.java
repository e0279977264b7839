package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.emulator.EmulatorMain;
import java.io.IOException;
import java.util.Arrays;
import sqlline.SqlLine;

/**
 * The jar's entry point: {@code emulator ...} runs the local emulator; anything else is passed to
 * sqlline, and no arguments at all open sqlline on the embedded demo emulator.
 */
public final class Main {
  static final String[] DEMO_ARGS = {
      "-d", GameLiftStreamsDriver.class.getName(), "-u", ConnectionConfig.URL_PREFIX + "demo=true", "-n", "", "-p", "",
      "--isolation=TRANSACTION_NONE"};

  private Main() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("emulator")) {
      EmulatorMain.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SqlLine.main(args.length == 0 ? DEMO_ARGS : args);
  }
}
