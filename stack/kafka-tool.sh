#!/usr/bin/env bash
# Run any Kafka command-line tool class on the stack's Kafka classpath, e.g.
#   bash stack/kafka-tool.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#   bash stack/kafka-tool.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --topic pulse.logins
#   bash stack/kafka-tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 --topic pulse.logins --from-beginning
#   bash stack/kafka-tool.sh dev.pulseboard.stack.KafkaAdmin list 127.0.0.1:9092
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$STACK_DIR/lib/services.sh"
[[ -d "$KAFKA_LIB" ]] || bash "$STACK_DIR/resolve.sh"
(( $# )) || die "usage: bash stack/kafka-tool.sh <main class> [args...]"
kafka_tool "$@"
