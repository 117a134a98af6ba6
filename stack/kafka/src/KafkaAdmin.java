package dev.pulseboard.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Tiny Kafka admin helper used by stack/up.sh (one JVM instead of one per topic).
 *
 *   KafkaAdmin ready  BOOTSTRAP TIMEOUT_SECONDS [BROKERS] wait until the cluster answers metadata
 *                                                        (with at least BROKERS brokers, default 1)
 *   KafkaAdmin create BOOTSTRAP [--rf N] name:partitions[:k=v,k=v] ...  create topics if missing
 *                                                        (replication factor N, default 1)
 *   KafkaAdmin list   BOOTSTRAP                          print topic names
 *   KafkaAdmin isr    BOOTSTRAP REPLICAS                 print each partition whose ISR is smaller
 *                                                        than REPLICAS; exit 1 if there is one
 */
public final class KafkaAdmin {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: KafkaAdmin ready|create|list BOOTSTRAP ...");
      System.exit(2);
    }
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(p)) {
      switch (args[0]) {
        case "ready" -> ready(admin, Long.parseLong(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 1);
        case "create" -> {
          boolean rf = args.length > 3 && args[2].equals("--rf");
          create(admin, rf ? Short.parseShort(args[3]) : 1, List.of(args).subList(rf ? 4 : 2, args.length));
        }
        case "isr" -> {
          if (!shortIsr(admin, Integer.parseInt(args[2]))) System.exit(1);
        }
        case "list" -> listTopics(admin).forEach(System.out::println);
        default -> {
          System.err.println("unknown command " + args[0]);
          System.exit(2);
        }
      }
    }
  }

  private static Set<String> listTopics(Admin admin) throws Exception {
    return new TreeSet<>(admin.listTopics().names().get(5, TimeUnit.SECONDS));
  }

  /** Polls cluster metadata + topic listing until both answer or the timeout passes. */
  private static void ready(Admin admin, long timeoutSeconds, int minBrokers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        var cluster = admin.describeCluster();
        int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
        if (nodes < minBrokers) throw new IllegalStateException(nodes + " of " + minBrokers + " brokers registered");
        String id = cluster.clusterId().get(5, TimeUnit.SECONDS);
        int topics = listTopics(admin).size();
        System.out.printf("kafka ready: cluster %s, %d broker(s), %d topic(s)%n", id, nodes, topics);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(500);
      }
    }
    System.err.println("kafka not ready after " + timeoutSeconds + "s: " + last);
    System.exit(1);
  }

  /** Creates each topic "name:partitions[:k=v,k=v]" that does not exist yet. */
  private static void create(Admin admin, short replicationFactor, List<String> specs) throws Exception {
    Set<String> existing = listTopics(admin);
    List<NewTopic> todo = new ArrayList<>();
    for (String spec : specs) {
      String[] parts = spec.split(":", 3);
      if (existing.contains(parts[0])) {
        continue;
      }
      NewTopic t = new NewTopic(parts[0], Integer.parseInt(parts[1]), replicationFactor);
      if (parts.length == 3 && !parts[2].isEmpty()) {
        Map<String, String> cfg = new HashMap<>();
        for (String kv : parts[2].split(",")) {
          String[] pair = kv.split("=", 2);
          cfg.put(pair[0], pair[1]);
        }
        t.configs(cfg);
      }
      todo.add(t);
    }
    if (!todo.isEmpty()) {
      try {
        admin.createTopics(todo).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    System.out.printf("topics: %d created, %d already present%n", todo.size(), specs.size() - todo.size());
  }

  /** Prints "topic-partition isr=[..]" for every partition with fewer than `replicas` in sync. */
  private static boolean shortIsr(Admin admin, int replicas) throws Exception {
    boolean full = true;
    var topics = admin.describeTopics(listTopics(admin)).allTopicNames().get(10, TimeUnit.SECONDS);
    for (var t : topics.values()) {
      for (var p : t.partitions()) {
        if (p.isr().size() < replicas) {
          full = false;
          System.out.printf("%s-%d isr=%s leader=%s%n", t.name(), p.partition(), p.isr().stream().map(n -> n.id()).toList(),
              p.leader() == null ? "none" : p.leader().id());
        }
      }
    }
    return full;
  }
}
