package dev.pulseboard.flink;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs each Flink SQL file given as one streaming job (all its INSERTs in one STATEMENT SET),
 * on an embedded MiniCluster (default) or a running cluster (--remote host:port), then blocks.
 * Exits non-zero as soon as any job ends: these are unbounded jobs, ending means failing.
 *
 * Exactly-once across restarts: checkpoints are retained under <checkpoints>/<job>/, and a start
 * resumes each job from its newest completed checkpoint (Kafka offsets + transactional sink state)
 * unless --fresh is given. See flink/README.md.
 */
public final class SqlRunner {
  private static final Pattern VAR = Pattern.compile("\\$\\{(KAFKA_BOOTSTRAP|JOB)}");

  public static void main(String[] argv) throws Exception {
    long t0 = System.currentTimeMillis();
    Options o = Options.parse(argv);
    AlertRules rules = new AlertRules(new File(o.rules));
    List<CompletableFuture<?>> running = new ArrayList<>();
    try {
      for (String file : o.files) running.add(start(o, rules, Path.of(file), t0).getJobExecutionResult());
    } catch (Exception e) {
      // The MiniCluster of an already started job would keep the JVM alive: exit explicitly.
      e.printStackTrace();
      System.exit(1);
    }
    CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)).handle((r, e) -> {
      System.err.println("[flink] a job ended" + (e == null ? "" : ": " + e) + "; exiting");
      System.exit(1);
      return null;
    }).join();
  }

  private static JobClient start(Options o, AlertRules rules, Path file, long t0) throws Exception {
    String job = file.getFileName().toString().replaceFirst("\\.sql$", "");
    SqlScript.Parsed script = SqlScript.parse(rules.render(substitute(Files.readString(file), o.bootstrap, job)));

    Path ckDir = Path.of(o.checkpoints, job).toAbsolutePath();
    Configuration conf = new Configuration();
    conf.setString("pipeline.name", "pulseboard-" + job);
    conf.setString("parallelism.default", "1");
    conf.setString("table.local-time-zone", "UTC");
    conf.setString("state.backend.type", "hashmap");
    conf.setString("execution.checkpointing.interval", "2s");
    conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    conf.setString("execution.checkpointing.dir", ckDir.toUri().toString());
    // Keep checkpoints when the job is cancelled or the process dies: they are the restart point.
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "2");
    for (String[] kv : script.settings()) conf.setString(kv[0], kv[1]);
    for (String[] kv : o.settings) conf.setString(kv[0], kv[1]);
    Optional<Path> restore = o.fresh ? Optional.empty() : Checkpoints.latest(ckDir);
    restore.ifPresent(p -> conf.setString("execution.state-recovery.path", p.toUri().toString()));

    StreamExecutionEnvironment env = o.remote == null
        ? StreamExecutionEnvironment.getExecutionEnvironment(conf)
        : StreamExecutionEnvironment.createRemoteEnvironment(o.remoteHost(), o.remotePort(), conf, connectorJars());
    StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    StatementSet inserts = tEnv.createStatementSet();
    for (String stmt : script.statements()) {
      if (stmt.regionMatches(true, 0, "INSERT", 0, 6)) inserts.addInsertSql(stmt);
      else tEnv.executeSql(stmt);
    }
    JobClient client = inserts.execute().getJobClient().orElseThrow();
    while (client.getJobStatus().get() != JobStatus.RUNNING) {
      if (client.getJobStatus().get().isGloballyTerminalState()) throw new IllegalStateException(job + " ended during start-up");
      Thread.sleep(100);
    }
    System.out.printf("[flink] job %s RUNNING id=%s after %.1f s%s%n", job, client.getJobID(), (System.currentTimeMillis() - t0) / 1000.0,
        restore.map(p -> " (restored from " + p + ")").orElse(" (fresh start)"));
    return client;
  }

  private static String substitute(String sql, String bootstrap, String job) {
    Matcher m = VAR.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("JOB") ? job : bootstrap));
    m.appendTail(out);
    return out.toString();
  }

  /** A remote cluster has Flink's own jars, not the connectors: ship those from our classpath. */
  private static String[] connectorJars() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.matches(".*/(flink-connector-|kafka-clients-|flink-cep-|flink-json-)[^/]*\\.jar"))
        .toArray(String[]::new);
  }

  /** Command-line options; see flink/README.md. */
  private static final class Options {
    String bootstrap = "127.0.0.1:9092";
    String rules = "config/alert-rules.json";
    String checkpoints = "flink/var/checkpoints";
    String remote;
    boolean fresh;
    final List<String[]> settings = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    static Options parse(String[] argv) {
      Options o = new Options();
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        switch (a) {
          case "--bootstrap" -> o.bootstrap = argv[++i];
          case "--rules" -> o.rules = argv[++i];
          case "--checkpoints" -> o.checkpoints = argv[++i];
          case "--remote" -> o.remote = argv[++i];
          case "--fresh" -> o.fresh = true;
          case "--set" -> o.settings.add(argv[++i].split("=", 2));
          default -> {
            if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a);
            o.files.add(a);
          }
        }
      }
      if (o.files.isEmpty()) throw new IllegalArgumentException(
          "usage: SqlRunner [--bootstrap host:port] [--rules file] [--checkpoints dir] [--fresh] [--remote host:port] [--set k=v]... job.sql...");
      return o;
    }

    String remoteHost() { return remote.substring(0, remote.lastIndexOf(':')); }
    int remotePort() { return Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1)); }
  }

  private SqlRunner() {}
}
