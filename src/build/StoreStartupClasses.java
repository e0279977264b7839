import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step after shading (see pom.xml): runs the shaded jar's first queries in a fresh JVM (sqlline on the
 * demo, piped), then rewrites the jar with the classes that JVM loaded from it stored rather than deflated.
 * Inflating some 5,000 classes was about 0.3 s of a cold start; the jar grows from about 43 MB to 62 MB.
 * The names of those a JDBC application needs (not sqlline's, not the emulator's) go into {@link #PRELOAD_LIST},
 * in the order the JVM loaded them, for the driver's ClassPreloader; the SDK's and its HTTP client's are left to
 * the driver's ClientWarmup, which loads them on a thread of its own.
 * Usage: {@code java src/build/StoreStartupClasses.java target/gameliftstreams-jdbc.jar}
 */
public final class StoreStartupClasses {
  /** What a first session typically asks: a listing with LIMIT, and a filtered aggregate. */
  private static final String FIRST_QUERIES = "select arn from account_stream_sessions limit 1;\n"
      + "select status, count(*) from account_stream_sessions where status = 'ERROR' group by status;\n";

  /** Where the driver's ClassPreloader looks for the list; keep the two in step. */
  private static final String PRELOAD_LIST = "META-INF/gameliftstreams-jdbc/first-query-classes.txt";
  /**
   * Classes of the jar's own entry point and of the demo's emulator, which JDBC applications never load, and
   * those ClientWarmup loads.
   */
  private static final Pattern NOT_PRELOADED =
      Pattern.compile("^(sqlline/|dev/gameliftstreams/jdbc/shaded/org/jline/|dev/gameliftstreams/jdbc/emulator/"
          + "|dev/gameliftstreams/jdbc/driver/(Main|EmbeddedEmulator)\\b"
          + "|dev/gameliftstreams/jdbc/shaded/(software/amazon|org/apache/http|org/apache/commons/logging)/)");

  private StoreStartupClasses() {
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    List<String> loaded = classesLoadedFrom(jar);
    Set<String> storedNames = new HashSet<>(loaded);
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".tmp");
    int stored = 0;
    long storedBytes = 0;
    Set<String> names = new HashSet<>();
    try (ZipFile in = new ZipFile(jar.toFile());
         ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        names.add(entry.getName());
        byte[] bytes;
        try (InputStream data = in.getInputStream(entry)) {
          bytes = data.readAllBytes();
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        if (storedNames.contains(entry.getName())) {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          copy.setMethod(ZipEntry.STORED);
          copy.setSize(bytes.length);
          copy.setCompressedSize(bytes.length);
          copy.setCrc(crc.getValue());
          stored++;
          storedBytes += bytes.length;
        }
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry(PRELOAD_LIST));
      // Janino's classes (Calcite's generated code) name the jar as their source too, without an entry in it.
      out.write(loaded.stream().filter(name -> names.contains(name) && !NOT_PRELOADED.matcher(name).find())
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.') + "\n")
          .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("%s: %d classes a first query loads stored (%d KB), jar %d KB%n", jar.getFileName(), stored,
        storedBytes / 1024, Files.size(jar) / 1024);
  }

  /**
   * The entry names of the classes a fresh JVM loads from {@code jar} to answer {@link #FIRST_QUERIES}, in the
   * order it loads them.
   */
  private static List<String> classesLoadedFrom(Path jar) throws IOException, InterruptedException {
    Path log = Files.createTempFile("class-load", ".log");
    try {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xlog:class+load=info:file=" + log, "-jar", jar.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(FIRST_QUERIES.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("the first queries failed on " + jar);
      }
      // -Xlog:class+load lines: "[0.123s][info][class,load] org.example.Name source: file:/path/to/the.jar"
      Pattern fromJar = Pattern.compile("\\] (\\S+) source: file:" + Pattern.quote(jar.toUri().getPath()) + "$");
      List<String> classes = Files.readAllLines(log).stream().map(fromJar::matcher).filter(Matcher::find)
          .map(m -> m.group(1).replace('.', '/') + ".class").distinct().toList();
      if (classes.size() < 1000) {
        throw new IllegalStateException("only " + classes.size() + " classes loaded from " + jar);
      }
      return classes;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
