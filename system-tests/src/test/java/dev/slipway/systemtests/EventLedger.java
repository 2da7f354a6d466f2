package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.devinfra.SuiteService;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * What the suite's own records say about one project's events (EVT-1, EVT-3): each producer's
 * outbox, every record on Slipway's topics, each consumer's inbox. Checks that the services'
 * behaviour alone cannot show: no event lost between a commit and the broker or between the broker
 * and a consumer, and each consumer applying one project's events in the order of their topic.
 */
final class EventLedger {

    /** One record on a topic: its CloudEvents id and type and where it sits. */
    record Published(String id, String type, String key, String topic, int partition, long offset) {
    }

    private EventLedger() {
    }

    /**
     * Awaits, then asserts: every event the services committed for {@code project} was published
     * (no outbox row left behind) and is on its topic, and every consumer the catalogue names for an
     * event's type recorded it in its inbox (applied once: the inbox's key is the event id).
     */
    static void requireNothingLost(RunningSuite suite, String project) {
        Awaitility.await("every event of " + project + " published and applied").atMost(Suite.PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, String> committed = new LinkedHashMap<>();
                    for (SuiteService service : SuiteService.values()) {
                        committed.putAll(outbox(suite, service, project));
                    }
                    Map<String, Published> onTopics = onTopics(suite, project);
                    assertThat(committed.keySet()).as("events committed for " + project + " and not on their topic")
                            .allMatch(onTopics::containsKey);
                    for (SuiteService consumer : SuiteService.values()) {
                        Map<String, Instant> inbox = inbox(suite, consumer);
                        List<String> missing = onTopics.values().stream()
                                .filter(event -> consumersOf(event.type()).contains(consumer.module()))
                                .filter(event -> !inbox.containsKey(event.id()))
                                .map(event -> event.type() + " " + event.id()).toList();
                        assertThat(missing).as(consumer.module() + ": events of " + project + " on the topics and not applied").isEmpty();
                    }
                });
    }

    /**
     * Asserts that each consumer applied {@code project}'s events of each topic in the topic's order
     * (its inbox's times never go back along the offsets). Call after {@link #requireNothingLost}.
     */
    static void requireAppliedInOrder(RunningSuite suite, String project) {
        Map<String, Published> onTopics = onTopics(suite, project);
        for (SuiteService consumer : SuiteService.values()) {
            Map<String, Instant> inbox = inbox(suite, consumer);
            Map<String, List<Published>> byTopic = onTopics.values().stream()
                    .filter(event -> consumersOf(event.type()).contains(consumer.module()))
                    .collect(Collectors.groupingBy(Published::topic, LinkedHashMap::new, Collectors.toList()));
            byTopic.forEach((topic, events) -> {
                List<Published> inOffsetOrder = events.stream().sorted((a, b) -> Long.compare(a.offset(), b.offset())).toList();
                for (int i = 1; i < inOffsetOrder.size(); i++) {
                    Published before = inOffsetOrder.get(i - 1);
                    Published after = inOffsetOrder.get(i);
                    assertThat(inbox.get(after.id())).as("%s applied %s (offset %d) before %s (offset %d) of %s", consumer.module(),
                            after.type(), after.offset(), before.type(), before.offset(), topic).isAfterOrEqualTo(inbox.get(before.id()));
                }
            });
        }
    }

    /** Every record of every Slipway topic so far, from the beginning. */
    static List<ConsumerRecord<String, String>> everyRecord(RunningSuite suite) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", suite.kafkaBootstrapServers());
        properties.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().keySet().stream().filter(topic -> topic.startsWith("slipway."))
                    .flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + Suite.PATIENCE.toMillis();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the topics were not read to their end within " + Suite.PATIENCE);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
        }
        return seen;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The project's records by event id, each at its first offset (a relay may publish an event again after a crash: EVT-3). */
    private static Map<String, Published> onTopics(RunningSuite suite, String project) {
        Map<String, Published> events = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : everyRecord(suite)) {
            String id = header(record, "ce_id");
            if (project.equals(record.key()) && id != null) {
                events.putIfAbsent(id, new Published(id, header(record, "ce_type"), record.key(), record.topic(), record.partition(), record.offset()));
            }
        }
        return events;
    }

    /** Ids and types of the events {@code service} committed with {@code project} as their key. */
    private static Map<String, String> outbox(RunningSuite suite, SuiteService service, String project) {
        Map<String, String> events = new LinkedHashMap<>();
        query(suite, service, "SELECT id::text, type FROM outbox_event WHERE kafka_key = ? ORDER BY seq", project,
                rows -> events.put(rows.getString(1), rows.getString(2)));
        return events;
    }

    /** When {@code service} applied each event it recorded. */
    private static Map<String, Instant> inbox(RunningSuite suite, SuiteService service) {
        Map<String, Instant> applied = new HashMap<>();
        query(suite, service, "SELECT event_id, processed_at FROM inbox_event WHERE consumer = ?", service.module(),
                rows -> applied.put(rows.getString(1), rows.getTimestamp(2).toInstant()));
        return applied;
    }

    private static List<String> consumersOf(String type) {
        return EventCatalog.ALL.stream().filter(eventType -> eventType.type().equals(type)).findFirst().map(EventType::consumers).orElse(List.of());
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(RunningSuite suite, SuiteService service, String sql, String parameter, Row row) {
        try (Connection connection = suite.connect(service); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service.module() + "'s database: " + e.getMessage(), e);
        }
    }
}
