# shellcheck shell=bash
# The Kafka topics the pipeline needs, as "name:partitions[:topic configs]" specs for
# `KafkaAdmin create` (stack/kafka/src): used by stack/up.sh and cluster/kafka/lib.sh.
# pulse_topics: prints one spec a line; needs REPO_DIR (stack/lib/common.sh sets it).
pulse_topics() {
  local topics=(
    pulse.cluster_metrics:2
    pulse.logins:1
    pulse.sensor_readings:1
    pulse.sensor_raw:1
    pulse.sensor_locations:1:cleanup.policy=compact
    pulse.alert_thresholds:1:cleanup.policy=compact
    pulse.alerts:1
    pulse.dead_letter:1
  ) topic
  # ...and the topic of every datasource declared in the config (one partition unless listed above).
  while read -r topic; do
    [[ " ${topics[*]} " == *" $topic:"* ]] || topics+=("$topic:1")
  done < <(cd "$REPO_DIR" && npx tsx scripts/druid-specs.ts --topics)
  printf '%s\n' "${topics[@]}"
}
